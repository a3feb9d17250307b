using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Alerts;

/// <summary>An alert a strategy raised when a watched value crossed its threshold.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Kind">What crossed.</param>
/// <param name="Threshold">The threshold (a fraction for drawdown and win rate, money for daily loss).</param>
/// <param name="Value">The value that crossed it, same unit.</param>
/// <param name="Time">Close time (UTC) of the bar on which it crossed.</param>
/// <param name="Message">Human-readable description.</param>
[GenerateSerializer, Immutable, Alias("trp.AlertRaised")]
public sealed record AlertRaised([property: Id(0)] StrategyId Strategy, [property: Id(1)] AlertKind Kind, [property: Id(2)] double Threshold, [property: Id(3)] double Value, [property: Id(4)] DateTimeOffset Time, [property: Id(5)] string Message);
