using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IStrategyDirectoryGrain"/>: a persisted sorted set of strategy ids.</summary>
[GrainType("strategydirectory")]
public sealed class StrategyDirectoryGrain(
    [PersistentState("directory")] IPersistentState<StrategyDirectoryState> state) : Grain, IStrategyDirectoryGrain
{
    /// <inheritdoc/>
    public async Task Register(StrategyId id)
    {
        var key = id.ToString();
        if (!state.State.Strategies.Contains(key))
        {
            state.State.Strategies.Add(key);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public async Task Unregister(StrategyId id)
    {
        if (state.State.Strategies.Remove(id.ToString()))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<StrategyId>> List()
        => Task.FromResult<ImmutableArray<StrategyId>>([.. state.State.Strategies.Order(StringComparer.Ordinal).Select(StrategyId.Parse)]);
}
