using Orleans;
using Orleans.Concurrency;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>
/// One arm of an experiment over the paired trading dates: figures of the arm's end-of-day equity on the dates that
/// entered the paired series (see <see cref="ExperimentResult"/>). Statistics are <see cref="double"/>, null while undefined.
/// </summary>
/// <param name="Strategy">The arm's strategy.</param>
/// <param name="InitialCapital">The strategy's starting capital (account currency), the base of its first daily return.</param>
/// <param name="Equity">End-of-day equity on the last paired date (account currency); the starting capital before the first.</param>
/// <param name="TotalReturn">Equity / starting capital − 1 on the last paired date (a fraction); null before the first paired date.</param>
/// <param name="DailySharpe">Mean / standard deviation (ddof 1) of the paired daily returns, risk-free 0, not annualised; null when n &lt; 2 or the deviation is 0.</param>
/// <param name="Sharpe">The daily Sharpe ratio × √252 (annualised as the other metrics are); null when the daily one is.</param>
/// <param name="MaxDrawdown">Largest fall of end-of-day equity from its running peak (starting at the capital), a positive fraction in [0, 1]; null before the first paired date. End-of-day only, so it can be shallower than the strategy's own (every-mark) max drawdown.</param>
[GenerateSerializer, Immutable, Alias("trp.ExperimentArmResult")]
public sealed record ExperimentArmResult(
    [property: Id(0)] StrategyId Strategy,
    [property: Id(1)] decimal InitialCapital,
    [property: Id(2)] decimal Equity,
    [property: Id(3)] double? TotalReturn,
    [property: Id(4)] double? DailySharpe,
    [property: Id(5)] double? Sharpe,
    [property: Id(6)] double? MaxDrawdown);
