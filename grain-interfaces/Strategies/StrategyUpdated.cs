using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>
/// What changed in a strategy during one processed batch of bars (or a lifecycle change), published on the stream
/// (<see cref="Market.StreamNamespaces.StrategyUpdates"/>, <see cref="Market.StreamNamespaces.AllStrategiesKey"/>).
/// Consumers (the portfolio grain, the API's dashboard notifier) fold these in order; each strategy's events are
/// published in order.
/// </summary>
/// <param name="Id">The strategy.</param>
/// <param name="Sequence">1, 2, 3, … per activation of the strategy; a consumer seeing a gap re-reads the snapshot.</param>
/// <param name="Status">Lifecycle status after the batch.</param>
/// <param name="InitialCapital">Starting capital, account currency.</param>
/// <param name="Cash">Cash after the batch.</param>
/// <param name="Equity">Equity after the batch (cash + positions marked to the last close).</param>
/// <param name="BarsProcessed">Bars processed so far.</param>
/// <param name="LastBarTime">Open time of the last bar processed (UTC): its label, the trading date of a daily bar.</param>
/// <param name="Metrics">All-time metrics after the batch; null before the first bar.</param>
/// <param name="NewEquity">Equity points added in this batch (one per bar, in time order).</param>
/// <param name="NewTrades">Round trips closed in this batch, in order.</param>
/// <param name="OpenTrade">The open trade after the batch (marked), or null when flat.</param>
/// <param name="Positions">Every position after the batch.</param>
/// <param name="NewAlerts">Alerts raised in this batch.</param>
/// <param name="NewRejections">Orders rejected in this batch.</param>
/// <param name="FailureReason">Why the strategy failed when <paramref name="Status"/> is <see cref="StrategyStatus.Failed"/>; null otherwise.</param>
/// <param name="BarsAwaitingBenchmark">Bars received but held until the history of a benchmark on another instrument reaches their close (see <see cref="StrategySnapshot.BarsAwaitingBenchmark"/>).</param>
/// <param name="Owner">The strategy's stored owner (<see cref="StrategySettings.Owner"/>: null for <see cref="Owners.Demo"/>), also on
/// the update that reports its deletion, so that consumers can route every update to its owner's portfolio and overview.</param>
[GenerateSerializer, Immutable, Alias("trp.StrategyUpdated")]
public sealed record StrategyUpdated(
    [property: Id(0)] StrategyId Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] StrategyStatus Status,
    [property: Id(3)] decimal InitialCapital,
    [property: Id(4)] decimal Cash,
    [property: Id(5)] decimal Equity,
    [property: Id(6)] long BarsProcessed,
    [property: Id(7)] DateTimeOffset? LastBarTime,
    [property: Id(8)] MetricsSnapshot? Metrics,
    [property: Id(9)] ImmutableArray<EquityPoint> NewEquity,
    [property: Id(10)] ImmutableArray<TradeRecord> NewTrades,
    [property: Id(11)] TradeRecord? OpenTrade,
    [property: Id(12)] ImmutableArray<PositionSnapshot> Positions,
    [property: Id(13)] ImmutableArray<AlertRaised> NewAlerts,
    [property: Id(14)] ImmutableArray<OrderRejected> NewRejections,
    [property: Id(15)] string? FailureReason = null,
    [property: Id(16)] int BarsAwaitingBenchmark = 0,
    [property: Id(17)] string? Owner = null);
