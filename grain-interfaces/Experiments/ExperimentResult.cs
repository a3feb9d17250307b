using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>
/// The paired comparison of an experiment's two arms (treatment − control) over the trading dates both arms have closed.
/// Daily returns are simple returns of end-of-day equity, the first against the starting capital; a date enters the
/// paired series once both arms have closed it. Statistics are <see cref="double"/> and null while undefined
/// (n &lt; 2, a zero standard deviation, a zero mean difference where it divides). Definitions and sources: docs/metrics.md, "Experiments".
/// </summary>
/// <param name="Days">n: paired trading dates.</param>
/// <param name="FirstDate">First paired trading date; null when n = 0.</param>
/// <param name="LastDate">Last paired trading date; null when n = 0.</param>
/// <param name="UnpairedDays">Dates closed by one arm only (dropped; the next paired return of the other arm spans them). 0 when both arms trade the same bars.</param>
/// <param name="Control">The control arm.</param>
/// <param name="Treatment">The treatment arm.</param>
/// <param name="MeanDifference">d̄: mean of the daily differences treatment − control (a fraction per day); null when n = 0.</param>
/// <param name="CiLow">Lower bound of the 95 % confidence interval of d̄ (Student t, n − 1 df); null when n &lt; 2.</param>
/// <param name="CiHigh">Upper bound of that interval; null when n &lt; 2.</param>
/// <param name="T">Paired t statistic d̄ / (s_d / √n); null when n &lt; 2 or s_d = 0.</param>
/// <param name="PValue">Two-sided p-value of <paramref name="T"/>, in [0, 1]; null when t is.</param>
/// <param name="SharpeDifferenceZ">Jobson–Korkie z of the daily Sharpe difference (treatment − control) with Memmel's correction; null when undefined.</param>
/// <param name="SharpeDifferenceP">Two-sided p-value of that z, in [0, 1]; null when z is.</param>
/// <param name="DaysNeeded">⌈((z₀.₉₇₅ + z₀.₈) · s_d / d̄)²⌉: paired days to detect d̄ at α = 0.05 with power 0.8; null when n &lt; 2, s_d = 0 or d̄ = 0.</param>
[GenerateSerializer, Immutable, Alias("trp.ExperimentResult")]
public sealed record ExperimentResult(
    [property: Id(0)] long Days,
    [property: Id(1)] DateOnly? FirstDate,
    [property: Id(2)] DateOnly? LastDate,
    [property: Id(3)] long UnpairedDays,
    [property: Id(4)] ExperimentArmResult Control,
    [property: Id(5)] ExperimentArmResult Treatment,
    [property: Id(6)] double? MeanDifference,
    [property: Id(7)] double? CiLow,
    [property: Id(8)] double? CiHigh,
    [property: Id(9)] double? T,
    [property: Id(10)] double? PValue,
    [property: Id(11)] double? SharpeDifferenceZ,
    [property: Id(12)] double? SharpeDifferenceP,
    [property: Id(13)] long? DaysNeeded);
