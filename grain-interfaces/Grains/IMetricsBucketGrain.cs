using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Metrics;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// The metrics buckets of one scope at one level (key: <c>{scope}/{level}</c>, e.g. <c>sma-50-200/monthly</c>): the
/// immutable closed periods and the open one. The strategy keeps the open bucket of every level incrementally (O(1)
/// per event) and sends closed periods and the current open snapshot here once per delivered batch.
/// </summary>
[Alias("trp.IMetricsBucketGrain")]
public interface IMetricsBucketGrain : IGrainWithStringKey
{
    /// <summary>Appends newly closed periods (in order, after the last one held) and replaces the open period.</summary>
    /// <exception cref="InvalidOperationException">A closed period is not after the last closed one (a closed bucket never changes).</exception>
    Task Apply(ImmutableArray<MetricsSnapshot> closed, MetricsSnapshot? open);

    /// <summary>
    /// Does nothing: activates the grain ahead of its first <see cref="Apply"/>. The strategy calls it when it starts,
    /// so that a cluster whose strategies start together does not create all their bucket grains at once on the first
    /// bar batch.
    /// One-way: the caller does not wait for the activation.
    /// </summary>
    [OneWay]
    Task Prepare();

    /// <summary>Forgets every period (the scope was deleted).</summary>
    Task Clear();

    /// <summary>Periods whose start is in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), closed first, then the open one.</summary>
    [ReadOnly]
    Task<ImmutableArray<MetricsSnapshot>> GetPeriods(DateTimeOffset? fromUtc, DateTimeOffset? toUtc);
}
