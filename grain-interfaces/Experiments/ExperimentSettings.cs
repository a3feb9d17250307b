using Orleans;
using Orleans.Concurrency;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>What an experiment compares: two existing strategies (the arms) trading the same instruments and bars.</summary>
/// <param name="Name">Display name, e.g. <c>trend</c> (checked like a strategy name: <see cref="Strategies.StrategyLabels.NameError"/>).</param>
/// <param name="Control">The control arm (the current version).</param>
/// <param name="Treatment">The treatment arm (the candidate version); must differ from the control.</param>
/// <param name="Owner">The owner (<see cref="Strategies.Owners"/>); both arms must be theirs. Null is the built-in
/// <see cref="Strategies.Owners.Demo"/> owner.</param>
[GenerateSerializer, Immutable, Alias("trp.ExperimentSettings")]
public sealed record ExperimentSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] StrategyId Control,
    [property: Id(2)] StrategyId Treatment,
    [property: Id(3)] string? Owner = null);
