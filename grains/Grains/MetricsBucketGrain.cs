using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IMetricsBucketGrain"/>: closed periods of one scope and level (never changed once closed) and the open one.</summary>
public sealed class MetricsBucketGrain : Grain, IMetricsBucketGrain
{
    private readonly List<MetricsSnapshot> _closed = [];
    private MetricsSnapshot? _open;

    /// <inheritdoc/>
    public Task Apply(ImmutableArray<MetricsSnapshot> closed, MetricsSnapshot? open)
    {
        var lastStart = _closed.Count > 0 ? _closed[^1].Period.Start : (DateTimeOffset?)null;
        foreach (var c in closed)
        {
            if (!c.IsClosed)
            {
                throw new InvalidOperationException($"Bucket {c.Period} sent as closed is still open.");
            }

            if (lastStart is { } s && c.Period.Start <= s && c.Period.Level != BucketLevel.Trade)
            {
                throw new InvalidOperationException($"Closed bucket {c.Period} is not after the last closed bucket ({s:O}) of {this.GetPrimaryKeyString()}; a closed bucket never changes.");
            }

            lastStart = c.Period.Start;
        }

        _closed.AddRange(closed);
        _open = open;
        return Task.CompletedTask;
    }

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
