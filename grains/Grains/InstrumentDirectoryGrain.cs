using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IInstrumentDirectoryGrain"/>: a persisted set of canonical symbols. Reentrant, with coalesced writes
/// (<see cref="CoalescedStateWriter"/>): one write of the whole set is outstanding at a time and the registrations that
/// arrive meanwhile go with the next one, so the first publishes of hundreds of instruments at once cost a few writes;
/// a call returns only once its symbol is durable.
/// </summary>
[GrainType("instrumentdirectory")]
[Reentrant]
public sealed class InstrumentDirectoryGrain : Grain, IInstrumentDirectoryGrain
{
    private readonly IPersistentState<InstrumentDirectoryState> _state;
    private readonly CoalescedStateWriter _writer;
    private HashSet<string> _symbols = new(StringComparer.Ordinal);

    /// <summary>Creates the grain over its persisted state.</summary>
    public InstrumentDirectoryGrain([PersistentState("instruments")] IPersistentState<InstrumentDirectoryState> state)
    {
        _state = state;
        _writer = new CoalescedStateWriter(WriteSnapshotAsync);
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _symbols = new HashSet<string>(_state.State.Symbols, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Register(InstrumentId instrument)
        => _symbols.Add(instrument.Symbol) ? _writer.WriteAsync() : _writer.WhenDurableAsync();

    /// <inheritdoc/>
    public Task<ImmutableArray<InstrumentId>> List()
        => Task.FromResult<ImmutableArray<InstrumentId>>([.. _symbols.Order(StringComparer.Ordinal).Select(InstrumentId.Parse)]);

    /// <summary>Writes a copy of the set (later turns change the live set while the storage serializes the copy).</summary>
    private async Task WriteSnapshotAsync()
    {
        _state.State = new InstrumentDirectoryState { Symbols = new HashSet<string>(_symbols, StringComparer.Ordinal) };
        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote the row (or a timed-out write of ours did): start again from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
