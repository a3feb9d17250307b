using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Experiments;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IExperimentDirectoryGrain"/>: a persisted set of experiment ids.</summary>
[GrainType("experimentdirectory")]
public sealed class ExperimentDirectoryGrain(
    [PersistentState("experimentdirectory")] IPersistentState<ExperimentDirectoryState> state) : Grain, IExperimentDirectoryGrain
{
    /// <inheritdoc/>
    public async Task Register(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (state.State.Experiments.Add(id))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> List() => Task.FromResult<ImmutableArray<string>>([.. state.State.Experiments.Order(StringComparer.Ordinal)]);
}
