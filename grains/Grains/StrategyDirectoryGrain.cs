using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IStrategyDirectoryGrain"/>: a persisted set of strategy ids. Reentrant, with coalesced writes
/// (<see cref="CoalescedStateWriter"/>): one write of the whole set is outstanding at a time and the registrations that
/// arrive meanwhile go with the next one, so thousands of creates at once cost a few writes instead of one each; a call
/// returns only once its change is durable.
/// </summary>
[GrainType("strategydirectory")]
[Reentrant]
public sealed class StrategyDirectoryGrain : Grain, IStrategyDirectoryGrain
{
    private readonly IPersistentState<StrategyDirectoryState> _state;
    private readonly CoalescedStateWriter _writer;
    private HashSet<string> _strategies = new(StringComparer.Ordinal);

    /// <summary>Creates the grain over its persisted state.</summary>
    public StrategyDirectoryGrain([PersistentState("directory")] IPersistentState<StrategyDirectoryState> state)
    {
        _state = state;
        _writer = new CoalescedStateWriter(WriteSnapshotAsync);
    }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _strategies = new HashSet<string>(_state.State.Strategies, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Register(StrategyId id)
        => _strategies.Add(id.ToString()) ? _writer.WriteAsync() : _writer.WhenDurableAsync();

    /// <inheritdoc/>
    public Task Unregister(StrategyId id)
        => _strategies.Remove(id.ToString()) ? _writer.WriteAsync() : _writer.WhenDurableAsync();

    /// <inheritdoc/>
    public Task<ImmutableArray<StrategyId>> List()
        => Task.FromResult<ImmutableArray<StrategyId>>([.. _strategies.Order(StringComparer.Ordinal).Select(StrategyId.Parse)]);

    /// <summary>Writes a copy of the set (later turns change the live set while the storage serializes the copy).</summary>
    private async Task WriteSnapshotAsync()
    {
        _state.State = new StrategyDirectoryState { Strategies = new HashSet<string>(_strategies, StringComparer.Ordinal) };
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
