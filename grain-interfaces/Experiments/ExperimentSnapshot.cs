using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>An experiment's definition, lifecycle and current result.</summary>
/// <param name="Id">The experiment id (its grain key).</param>
/// <param name="Settings">The definition; null when never created.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Result">The paired statistics so far; null when never created.</param>
[GenerateSerializer, Immutable, Alias("trp.ExperimentSnapshot")]
public sealed record ExperimentSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] ExperimentSettings? Settings,
    [property: Id(2)] ExperimentStatus Status,
    [property: Id(3)] ExperimentResult? Result);
