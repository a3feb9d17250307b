using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Alerts;

/// <summary>An alert a strategy raised when a watched value crossed its threshold.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Kind">What crossed.</param>
/// <param name="Threshold">The threshold (a fraction for drawdown and win rate, money for daily loss).</param>
/// <param name="Value">The value that crossed it, same unit.</param>
/// <param name="Time">Close time (UTC) of the bar on which it crossed.</param>
/// <param name="Message">Human-readable description.</param>
[Immutable]
public sealed record AlertRaised(StrategyId Strategy, AlertKind Kind, double Threshold, double Value, DateTimeOffset Time, string Message);
