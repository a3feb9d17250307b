using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>A strategy's current state.</summary>
/// <param name="Id">Strategy id.</param>
/// <param name="Settings">Definition (null if never created).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Cash">Cash, account currency.</param>
/// <param name="Equity">Cash plus positions marked to the last price.</param>
/// <param name="Positions">Open and closed positions by instrument.</param>
/// <param name="OpenOrders">Orders waiting for the next bar.</param>
/// <param name="BarsProcessed">Bars seen.</param>
/// <param name="LastBarTime">Close time of the last bar seen (UTC).</param>
/// <param name="Trades">Closed round trips.</param>
/// <param name="RejectedOrders">Orders rejected.</param>
/// <param name="Metrics">All-time metrics (null before the first bar).</param>
[Immutable]
public sealed record StrategySnapshot(
    StrategyId Id,
    StrategySettings? Settings,
    StrategyStatus Status,
    decimal Cash,
    decimal Equity,
    ImmutableArray<PositionSnapshot> Positions,
    ImmutableArray<Order> OpenOrders,
    long BarsProcessed,
    DateTimeOffset? LastBarTime,
    int Trades,
    int RejectedOrders,
    MetricsSnapshot? Metrics);
