using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>What one strategy produced in a backtest, read back from its grains.</summary>
public sealed record BacktestResult(
    string Spec,
    StrategySnapshot Snapshot,
    ImmutableArray<TradeRecord> Trades,
    ImmutableArray<EquityPoint> Equity,
    IReadOnlyDictionary<BucketLevel, ImmutableArray<MetricsSnapshot>> Buckets);
