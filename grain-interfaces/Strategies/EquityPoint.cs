using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>Equity (cash + marked positions, account currency) at a bar's close time (UTC).</summary>
/// <param name="Time">Bar close time, UTC.</param>
/// <param name="Equity">Equity.</param>
[GenerateSerializer, Immutable, Alias("trp.EquityPoint")]
public sealed record EquityPoint([property: Id(0)] DateTimeOffset Time, [property: Id(1)] decimal Equity);
