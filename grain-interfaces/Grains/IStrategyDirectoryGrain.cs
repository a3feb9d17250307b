using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// The set of created strategies (one grain, key <see cref="Key"/>), persisted. Strategy grains register on create and
/// unregister on delete, so listing never scans storage.
/// </summary>
[Alias("trp.IStrategyDirectoryGrain")]
public interface IStrategyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's grain key.</summary>
    const string Key = "all";

    /// <summary>Adds a strategy (idempotent).</summary>
    Task Register(StrategyId id);

    /// <summary>Removes a strategy (idempotent).</summary>
    Task Unregister(StrategyId id);

    /// <summary>Every registered strategy, in ordinal order of the id.</summary>
    [ReadOnly]
    Task<ImmutableArray<StrategyId>> List();
}
