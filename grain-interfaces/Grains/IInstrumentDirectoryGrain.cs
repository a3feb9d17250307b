using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// The set of instruments that have published market data (one grain, key <see cref="Key"/>), persisted. An
/// instrument grain registers itself on its first publish, so listing instruments never scans storage.
/// </summary>
[Alias("trp.IInstrumentDirectoryGrain")]
public interface IInstrumentDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's grain key.</summary>
    const string Key = "all";

    /// <summary>Adds an instrument (idempotent).</summary>
    Task Register(InstrumentId instrument);

    /// <summary>Every registered instrument, in ordinal order of the symbol.</summary>
    [ReadOnly]
    Task<ImmutableArray<InstrumentId>> List();
}
