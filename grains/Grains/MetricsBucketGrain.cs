using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IMetricsBucketGrain"/>: closed periods of one scope and level (never changed once closed) and the open one.</summary>
[GrainType("metricsbucket")]
public sealed class MetricsBucketGrain : Grain, IMetricsBucketGrain
{
    private readonly List<MetricsSnapshot> _closed = [];
    private MetricsSnapshot? _open;

    /// <inheritdoc/>
    /// <remarks>
    /// Idempotent for closed periods already held: a closed period whose start (and, at the trade level, whose whole
    /// content) equals one held is ignored, so a strategy rebuilt from its history can republish every bucket to a
    /// bucket grain that is still active; an older period not held (lost with an earlier activation of this grain) is
    /// put back in its place. A different closed period with the start of one held is an error, and nothing of the
    /// call is applied when any period sent as closed is still open.
    /// </remarks>
    public Task Apply(ImmutableArray<MetricsSnapshot> closed, MetricsSnapshot? open)
    {
        foreach (var c in closed)
        {
            if (!c.IsClosed)
            {
                throw new InvalidOperationException($"Bucket {c.Period} sent as closed is still open.");
            }
        }

        foreach (var c in closed)
        {
            if (IsHeld(c))
            {
                continue;
            }

            if (_closed.Count == 0 || c.Period.Start >= _closed[^1].Period.Start)
            {
                _closed.Add(c);
            }
            else
            {
                // An older period this grain does not hold: it was lost with an earlier activation of this grain (bucket
                // grains keep their periods in memory) and comes back from a rebuilt strategy's republish. Put it in
                // its place, after any held period with the same start (trades closing at the same time keep their order).
                int at = _closed.FindLastIndex(h => h.Period.Start <= c.Period.Start) + 1;
                _closed.Insert(at, c);
            }
        }

        _open = open;
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="c"/> is already held; a different period with the same start (not at the trade level) throws.</summary>
    private bool IsHeld(MetricsSnapshot c)
    {
        // Periods are held in start order; search back from the newest, as republished periods are usually recent.
        for (int i = _closed.Count - 1; i >= 0; i--)
        {
            var held = _closed[i];
            if (held.Period.Start < c.Period.Start)
            {
                return false;
            }

            if (held.Period.Start == c.Period.Start)
            {
                if (held == c)
                {
                    return true;
                }

                if (c.Period.Level != BucketLevel.Trade)
                {
                    throw new InvalidOperationException(
                        $"Closed bucket {c.Period} of {this.GetPrimaryKeyString()} is already held with different figures; a closed bucket never changes.");
                }
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public Task Prepare() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task Clear()
    {
        _closed.Clear();
        _open = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<MetricsSnapshot>> GetPeriods(DateTimeOffset? fromUtc, DateTimeOffset? toUtc)
    {
        var builder = ImmutableArray.CreateBuilder<MetricsSnapshot>();
        foreach (var p in _closed)
        {
            if (In(p))
            {
                builder.Add(p);
            }
        }

        if (_open is { } o && In(o))
        {
            builder.Add(o);
        }

        return Task.FromResult(builder.ToImmutable());

        bool In(MetricsSnapshot p) => (fromUtc is null || p.Period.Start >= fromUtc) && (toUtc is null || p.Period.Start < toUtc);
    }
}
