using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Portfolio;

/// <summary>Totals over every strategy the portfolio has seen (money in account currency).</summary>
/// <param name="Strategies">Strategies folded in.</param>
/// <param name="InitialCapital">Sum of the strategies' starting capital.</param>
/// <param name="Cash">Sum of cash.</param>
/// <param name="Equity">Sum of equity (each strategy at its latest mark).</param>
/// <param name="NetPnl">Equity minus initial capital.</param>
/// <param name="Trades">Closed round trips over all strategies.</param>
/// <param name="MarkedThroughUtc">Portfolio equity marks are final up to this time: every running strategy has reported it.</param>
/// <param name="Metrics">All-time metrics of the portfolio's own equity marks and trades; null before the first mark.</param>
[Immutable]
public sealed record PortfolioSnapshot(
    int Strategies,
    decimal InitialCapital,
    decimal Cash,
    decimal Equity,
    decimal NetPnl,
    long Trades,
    DateTimeOffset? MarkedThroughUtc,
    MetricsSnapshot? Metrics);
