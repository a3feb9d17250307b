using System.Text.Json;
using TradingRobotPlug.GrainInterfaces.Alerts;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// What a client sends to create a strategy, and how <see cref="StrategyDetails"/> shows its definition.
/// </summary>
/// <param name="Id">Strategy id (a slug, <c>[a-z0-9][a-z0-9._-]{0,63}</c>); default: the kind and its parameter values joined by
/// '-' in parameter-name order, e.g. <c>sma-cross-50-200</c>.</param>
/// <param name="Kind">Strategy kind, e.g. <c>sma-cross</c>; required.</param>
/// <param name="Parameters">Parameter values by name (JSON numbers or booleans); omitted ones take the kind's defaults.</param>
/// <param name="Instruments">Symbols traded; exactly one is supported.</param>
/// <param name="Timeframe">Bar timeframe: <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c> or <c>1d</c> (default <c>1d</c>).</param>
/// <param name="Capital">Starting cash, account currency, &gt; 0; required.</param>
/// <param name="Sizing"><c>all-in</c> (default), <c>fixed:Q</c> or <c>percent:P</c>.</param>
/// <param name="FeeBps">Fee in basis points of notional, [0, 10000] (default 0).</param>
/// <param name="FeePerUnit">Fee per unit, ≥ 0 (default 0).</param>
/// <param name="FeePerOrder">Fee per order, ≥ 0 (default 0).</param>
/// <param name="SlippageBps">Slippage in basis points, [0, 10000] (default 0).</param>
/// <param name="Alerts">Alert thresholds to apply (optional).</param>
/// <param name="Start">Start trading at once (default true).</param>
/// <param name="Name">Optional name shared by the versions of one strategy, e.g. <c>trend</c>: 1-64 of A-Z, a-z, 0-9, ' ', '.', '_', '-', starting with a letter or digit.</param>
/// <param name="Version">Optional version, e.g. <c>1.1</c>: 1-32 of A-Z, a-z, 0-9, '.', '_', '-', '+', starting with a letter or digit.</param>
/// <param name="Benchmark">Symbol of the instrument the strategy is measured against (buy-and-hold with the same capital,
/// fees and slippage); default: the strategy's first instrument. Another instrument is valued at its bars of the strategy's
/// timeframe: a strategy bar is processed once that instrument's history reaches the bar's close, so its market data must
/// be replayed or ingested too (until then <c>barsAwaitingBenchmark</c> counts the bars held). Shown as the benchmark in effect.</param>
public sealed record StrategyDefinition(
    string? Id,
    string? Kind,
    Dictionary<string, JsonElement>? Parameters,
    string[]? Instruments,
    string? Timeframe,
    decimal? Capital,
    string? Sizing,
    decimal? FeeBps,
    decimal? FeePerUnit,
    decimal? FeePerOrder,
    decimal? SlippageBps,
    AlertThresholds? Alerts,
    bool? Start,
    string? Name = null,
    string? Version = null,
    string? Benchmark = null);
