using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>Equity (cash + marked positions, account currency) at a bar's close time (UTC).</summary>
/// <param name="Time">Bar close time, UTC.</param>
/// <param name="Equity">Equity.</param>
/// <param name="BenchmarkEquity">The strategy's benchmark (buy-and-hold of the benchmark instrument with the same
/// capital and rules) marked at the same close, account currency; null when not known (a point made without one).</param>
[GenerateSerializer, Immutable, Alias("trp.EquityPoint")]
public sealed record EquityPoint([property: Id(0)] DateTimeOffset Time, [property: Id(1)] decimal Equity, [property: Id(2)] decimal? BenchmarkEquity = null);
