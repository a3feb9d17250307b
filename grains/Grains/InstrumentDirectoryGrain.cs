using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IInstrumentDirectoryGrain"/>: a persisted set of canonical symbols (<see cref="PersistedIdSet{TState}"/>).
/// Reentrant, with coalesced writes: one write of the whole set is outstanding at a time and the registrations that
/// arrive meanwhile go with the next one, so the first publishes of hundreds of instruments at once cost a few writes;
/// a call returns only once its symbol is durable.
/// </summary>
[GrainType("instrumentdirectory")]
[Reentrant]
public sealed class InstrumentDirectoryGrain : Grain, IInstrumentDirectoryGrain
{
    private readonly PersistedIdSet<InstrumentDirectoryState> _symbols;

    /// <summary>Creates the grain over its persisted state.</summary>
    public InstrumentDirectoryGrain([PersistentState("instruments")] IPersistentState<InstrumentDirectoryState> state)
        => _symbols = new(state, s => s.Symbols, symbols => new InstrumentDirectoryState { Symbols = symbols }, DeactivateOnIdle);

    /// <inheritdoc/>
    public Task Register(InstrumentId instrument) => _symbols.AddAsync(instrument.Symbol);

    /// <inheritdoc/>
    public Task<ImmutableArray<InstrumentId>> List() => Task.FromResult(_symbols.List(InstrumentId.Parse));
}
