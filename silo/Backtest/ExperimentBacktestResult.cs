using TradingRobotPlug.GrainInterfaces.Experiments;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>What one experiment produced in a backtest: its spec and the stopped experiment's result.</summary>
/// <param name="Spec">The parsed <c>--experiment</c>.</param>
/// <param name="Result">The paired statistics after the last bar (the arms' last trading date closed by the stop).</param>
public sealed record ExperimentBacktestResult(ExperimentSpec Spec, ExperimentResult Result);
