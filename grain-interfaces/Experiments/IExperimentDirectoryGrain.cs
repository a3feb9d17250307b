using System.Collections.Immutable;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>The set of created experiments (one grain, key <see cref="Key"/>), persisted, so listing never scans storage.</summary>
[Alias("trp.IExperimentDirectoryGrain")]
public interface IExperimentDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's grain key.</summary>
    const string Key = "all";

    /// <summary>Adds an experiment id (idempotent).</summary>
    Task Register(string id);

    /// <summary>Every registered experiment id, in ordinal order.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> List();
}
