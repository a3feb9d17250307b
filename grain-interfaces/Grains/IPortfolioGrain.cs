using TradingRobotPlug.GrainInterfaces.Portfolio;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// The whole portfolio (one grain, key <see cref="Key"/>): folds every strategy's <see cref="Strategies.StrategyUpdated"/>
/// events into portfolio equity marks (the sum of the strategies' equity at each bar time, final once every running
/// strategy has reported that time) and trades, keeps portfolio metrics incrementally, and writes its buckets to the
/// metrics bucket grains <c>portfolio/{level}</c>.
/// </summary>
[Alias("trp.IPortfolioGrain")]
public interface IPortfolioGrain : IGrainWithStringKey
{
    /// <summary>The portfolio's grain key, also its metrics scope.</summary>
    const string Key = "portfolio";

    /// <summary>Subscribes to the strategy update stream if not yet subscribed (idempotent). Called at start-up.</summary>
    Task Ensure();

    /// <summary>Totals and all-time metrics.</summary>
    [ReadOnly]
    Task<PortfolioSnapshot> GetSnapshot();

    /// <summary>
    /// Completes with the snapshot once the portfolio marks are final through <paramref name="throughUtc"/> (its
    /// <see cref="PortfolioSnapshot.MarkedThroughUtc"/> is at or after it), e.g. the last bar's open time after a
    /// replay, or once no member is running any more (all stopped, paused or failed: no later mark can come); the
    /// metrics bucket grains <c>portfolio/{level}</c> have been sent the matching buckets by then. Never completes while
    /// a running member does not report that time: callers put a time-out on it.
    /// </summary>
    [AlwaysInterleave]
    Task<PortfolioSnapshot> WaitForMarks(DateTimeOffset throughUtc);
}
