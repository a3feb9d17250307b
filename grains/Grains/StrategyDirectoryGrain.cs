using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Storage;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IStrategyDirectoryGrain"/>: a persisted sorted set of strategy ids.</summary>
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
