using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Portfolio;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>What the portfolio (all strategies together) produced in a backtest, read back from its grains.</summary>
/// <param name="Snapshot">Totals and all-time metrics of the portfolio grain, its marks final through the last bar.</param>
/// <param name="Buckets">The portfolio's metrics buckets by level (grains <c>portfolio/{level}</c>).</param>
public sealed record PortfolioBacktestResult(
    PortfolioSnapshot Snapshot,
    IReadOnlyDictionary<BucketLevel, ImmutableArray<MetricsSnapshot>> Buckets);
