using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IStrategyDirectoryGrain"/>: a persisted set of strategy ids (<see cref="PersistedIdSet{TState}"/>).
/// Reentrant, with coalesced writes: one write of the whole set is outstanding at a time and the registrations that
/// arrive meanwhile go with the next one, so thousands of creates at once cost a few writes instead of one each; a call
/// returns only once its change is durable.
/// </summary>
[GrainType("strategydirectory")]
[Reentrant]
public sealed class StrategyDirectoryGrain : Grain, IStrategyDirectoryGrain
{
    private readonly PersistedIdSet<StrategyDirectoryState> _strategies;

    /// <summary>Creates the grain over its persisted state.</summary>
    public StrategyDirectoryGrain([PersistentState("directory")] IPersistentState<StrategyDirectoryState> state)
        => _strategies = new(state, s => s.Strategies, ids => new StrategyDirectoryState { Strategies = ids }, DeactivateOnIdle);

    /// <inheritdoc/>
    public Task Register(StrategyId id) => _strategies.AddAsync(id.ToString());

    /// <inheritdoc/>
    public Task Unregister(StrategyId id) => _strategies.RemoveAsync(id.ToString());

    /// <inheritdoc/>
    public Task<ImmutableArray<StrategyId>> List() => Task.FromResult(_strategies.List(StrategyId.Parse));
}
