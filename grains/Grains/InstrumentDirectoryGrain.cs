using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IInstrumentDirectoryGrain"/>: a persisted set of canonical symbols.</summary>
[GrainType("instrumentdirectory")]
public sealed class InstrumentDirectoryGrain(
    [PersistentState("instruments")] IPersistentState<InstrumentDirectoryState> state) : Grain, IInstrumentDirectoryGrain
{
    /// <inheritdoc/>
    public async Task Register(InstrumentId instrument)
    {
        if (state.State.Symbols.Add(instrument.Symbol))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<InstrumentId>> List()
        => Task.FromResult<ImmutableArray<InstrumentId>>([.. state.State.Symbols.Order(StringComparer.Ordinal).Select(InstrumentId.Parse)]);
}
