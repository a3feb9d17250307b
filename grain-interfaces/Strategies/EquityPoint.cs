using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>Equity (cash + marked positions, account currency) at a bar's close time (UTC).</summary>
/// <param name="Time">Bar close time, UTC.</param>
/// <param name="Equity">Equity.</param>
[Immutable]
public sealed record EquityPoint(DateTimeOffset Time, decimal Equity);
