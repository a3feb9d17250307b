using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Concurrency;

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
/// <param name="LastBarTime">Open time of the last bar seen (UTC): its label, the trading date of a daily bar.</param>
/// <param name="Trades">Closed round trips.</param>
/// <param name="RejectedOrders">Orders rejected.</param>
/// <param name="Metrics">All-time metrics (null before the first bar).</param>
/// <param name="FailureReason">Why the strategy failed when <paramref name="Status"/> is <see cref="StrategyStatus.Failed"/>; null otherwise.</param>
/// <param name="BarsAwaitingBenchmark">Bars of the strategy's instrument received but held until the history of a
/// benchmark on another instrument reaches their close (0 when the benchmark is the strategy's own instrument); a
/// count that stays above 0 means the benchmark's market data is missing or ends earlier.</param>
[GenerateSerializer, Immutable, Alias("trp.StrategySnapshot")]
public sealed record StrategySnapshot(
    [property: Id(0)] StrategyId Id,
    [property: Id(1)] StrategySettings? Settings,
    [property: Id(2)] StrategyStatus Status,
    [property: Id(3)] decimal Cash,
    [property: Id(4)] decimal Equity,
    [property: Id(5)] ImmutableArray<PositionSnapshot> Positions,
    [property: Id(6)] ImmutableArray<Order> OpenOrders,
    [property: Id(7)] long BarsProcessed,
    [property: Id(8)] DateTimeOffset? LastBarTime,
    [property: Id(9)] int Trades,
    [property: Id(10)] int RejectedOrders,
    [property: Id(11)] MetricsSnapshot? Metrics,
    [property: Id(12)] string? FailureReason = null,
    [property: Id(13)] int BarsAwaitingBenchmark = 0);
