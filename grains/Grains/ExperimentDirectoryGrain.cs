using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Experiments;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IExperimentDirectoryGrain"/>: a persisted set of experiment ids (<see cref="PersistedIdSet{TState}"/>).
/// Not reentrant: each registration of a new id is one write, and returns once it is durable.
/// </summary>
[GrainType("experimentdirectory")]
public sealed class ExperimentDirectoryGrain : Grain, IExperimentDirectoryGrain
{
    private readonly PersistedIdSet<ExperimentDirectoryState> _experiments;

    /// <summary>Creates the grain over its persisted state.</summary>
    public ExperimentDirectoryGrain([PersistentState("experimentdirectory")] IPersistentState<ExperimentDirectoryState> state)
        => _experiments = new(state, s => s.Experiments, ids => new ExperimentDirectoryState { Experiments = ids }, DeactivateOnIdle);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public Task Register(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _experiments.AddAsync(id);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> List() => Task.FromResult(_experiments.List(static id => id));
}
