using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Runtime.Concurrency;

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
[Immutable]
public sealed record StrategySettings(
    string Spec,
    ImmutableArray<InstrumentId> Instruments,
    Timeframe Timeframe,
    decimal InitialCapital,
    string Sizing = "all-in",
    decimal FeeBps = 0m,
    decimal FeePerUnit = 0m,
    decimal FeePerOrder = 0m,
    decimal SlippageBps = 0m);
