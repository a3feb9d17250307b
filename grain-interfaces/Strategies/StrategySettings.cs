using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>
/// Everything that defines a paper-trading strategy: its rule (a spec string such as <c>sma-cross:fast=50,slow=200</c>),
/// what it trades, its capital, sizing, fee and slippage models.
/// </summary>
/// <param name="Spec">Strategy spec string (kind and parameters).</param>
/// <param name="Instruments">Instruments traded; at least one.</param>
/// <param name="Timeframe">Bar timeframe the strategy decides on.</param>
/// <param name="InitialCapital">Starting cash in account currency; positive.</param>
/// <param name="Sizing">Sizing: <c>all-in</c> (default: whole units, the largest quantity cash covers including fee),
/// <c>fixed:Q</c> (Q units), or <c>percent:P</c> (P percent of equity, 0 &lt; P ≤ 100).</param>
/// <param name="FeeBps">Fee in basis points of notional; ≥ 0.</param>
/// <param name="FeePerUnit">Fee per unit traded; ≥ 0.</param>
/// <param name="FeePerOrder">Fixed fee per order; ≥ 0.</param>
/// <param name="SlippageBps">Slippage in basis points against the trader; ≥ 0.</param>
/// <param name="Name">Optional name shared by the versions of one strategy, e.g. <c>trend</c> (<see cref="StrategyLabels.NameError"/>); null when not given.</param>
/// <param name="Version">Optional version of that strategy, e.g. <c>1.1</c> (<see cref="StrategyLabels.VersionError"/>); null when not given.</param>
/// <param name="Benchmark">The instrument whose buy-and-hold (same capital, fees, slippage, an all-in buy at the first
/// fill opportunity) the strategy is measured against; null = the first of <paramref name="Instruments"/> (the default).
/// For now it must be the strategy's instrument (bars of another instrument do not reach the strategy).</param>
/// <param name="Owner">The owner (<see cref="Owners"/>): only they read and change the strategy (operators read every
/// owner's). Null is the built-in <see cref="Owners.Demo"/> owner.</param>
[GenerateSerializer, Immutable, Alias("trp.StrategySettings")]
public sealed record StrategySettings(
    [property: Id(0)] string Spec,
    [property: Id(1)] ImmutableArray<InstrumentId> Instruments,
    [property: Id(2)] Timeframe Timeframe,
    [property: Id(3)] decimal InitialCapital,
    [property: Id(4)] string Sizing = "all-in",
    [property: Id(5)] decimal FeeBps = 0m,
    [property: Id(6)] decimal FeePerUnit = 0m,
    [property: Id(7)] decimal FeePerOrder = 0m,
    [property: Id(8)] decimal SlippageBps = 0m,
    [property: Id(9)] string? Name = null,
    [property: Id(10)] string? Version = null,
    [property: Id(11)] InstrumentId? Benchmark = null,
    [property: Id(12)] string? Owner = null)
{
    /// <summary>The benchmark instrument in effect: <see cref="Benchmark"/>, else the first instrument; null without instruments.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public InstrumentId? BenchmarkInstrument => Benchmark ?? (Instruments.IsDefaultOrEmpty ? null : Instruments[0]);
}
