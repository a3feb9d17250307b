using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>
/// An A/B experiment (key: the experiment id, a slug with the rules of a strategy id): pairs the daily returns of a
/// control and a treatment strategy that trade the same instruments and bars, from their equity marks on the strategy
/// update stream, and keeps the paired statistics (<see cref="ExperimentResult"/>) incrementally. Every change of the
/// result is published on <see cref="ExperimentStreams.Updates"/>.
/// </summary>
[Alias("trp.IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the experiment and starts consuming both arms' marks, including those they made before (read from their
    /// equity curves). Idempotent for identical settings.
    /// </summary>
    /// <returns>The snapshot after creation.</returns>
    /// <exception cref="ArgumentException">Keyed by <c>name</c> (invalid name), <c>control</c> or <c>treatment</c> (no such
    /// strategy, the same strategy twice, or the treatment trades other instruments or another timeframe than the control).</exception>
    /// <exception cref="InvalidOperationException">The experiment exists with different settings.</exception>
    Task<ExperimentSnapshot> Create(ExperimentSettings settings);

    /// <summary>
    /// Stops the experiment: the arms' open trading days are closed at their last marks and paired, and the result no
    /// longer changes. The arm strategies are not affected.
    /// </summary>
    /// <exception cref="InvalidOperationException">The experiment does not exist or is not running.</exception>
    Task<ExperimentSnapshot> Stop();

    /// <summary>Definition, status and result (status <see cref="ExperimentStatus.None"/> when never created).</summary>
    [ReadOnly]
    Task<ExperimentSnapshot> GetSnapshot();

    /// <summary>
    /// Completes with the snapshot once both arms' marks through <paramref name="throughUtc"/> have been taken (e.g. the
    /// last bar's close after a replay), or at once when the experiment is not running. Never completes if an arm never
    /// reports that time: callers put a time-out on it.
    /// </summary>
    [AlwaysInterleave]
    Task<ExperimentSnapshot> WaitForMarks(DateTimeOffset throughUtc);
}
