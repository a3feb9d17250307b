namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>Equity at a bar's close and the drawdown from the running peak of the full series at that time.</summary>
/// <param name="Time">Bar close time, UTC.</param>
/// <param name="Equity">Equity, account currency.</param>
/// <param name="Drawdown">1 − equity / running peak equity, a positive fraction in [0, 1] (0 at a new peak).</param>
/// <param name="BenchmarkEquity">The benchmark's equity at the same mark (buy-and-hold of the benchmark instrument with the
/// strategy's capital, fees and slippage; docs/metrics.md), or null for a mark made without a benchmark.</param>
public sealed record EquityDrawdownPoint(DateTimeOffset Time, decimal Equity, double Drawdown, decimal? BenchmarkEquity = null);
