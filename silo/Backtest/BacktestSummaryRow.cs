using TradingRobotPlug.GrainInterfaces.Metrics;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// One row of the backtest summary (summary.json and the console table): a strategy, or the portfolio of them all.
/// </summary>
/// <param name="Name">The strategy's spec, or <see cref="BacktestOutputWriter.PortfolioRow"/>.</param>
/// <param name="FinalEquity">Equity after the last bar (account currency), open positions marked.</param>
/// <param name="NetPnl">Final equity − initial capital (account currency), open positions included.</param>
/// <param name="Metrics">All-time metrics; null before any mark.</param>
/// <param name="Fees">Fees paid (account currency).</param>
/// <param name="Benchmark">The benchmark's name: its symbol, or the portfolio's symbols joined with <c>+</c>.</param>
internal sealed record BacktestSummaryRow(string Name, decimal FinalEquity, decimal NetPnl, MetricsSnapshot? Metrics, decimal Fees, string Benchmark)
{
    /// <summary>A strategy's row.</summary>
    public static BacktestSummaryRow Of(BacktestResult r) => new(
        r.Spec,
        r.Snapshot.Equity,
        r.Snapshot.Equity - (r.Snapshot.Settings?.InitialCapital ?? 0m),
        r.Snapshot.Metrics,
        r.Snapshot.Positions.Sum(p => p.Fees),
        BenchmarkName(r));

    /// <summary>
    /// The rows: one per strategy in order, then the portfolio's when there is one (totals over every strategy; metrics
    /// of the summed equity marks and all trades; fees summed).
    /// </summary>
    public static IEnumerable<BacktestSummaryRow> All(IReadOnlyList<BacktestResult> results, PortfolioBacktestResult? portfolio)
    {
        var rows = results.Select(Of);
        return portfolio is null ? rows : rows.Append(new BacktestSummaryRow(
            BacktestOutputWriter.PortfolioRow,
            portfolio.Snapshot.Equity,
            portfolio.Snapshot.NetPnl,
            portfolio.Snapshot.Metrics,
            results.Sum(r => r.Snapshot.Positions.Sum(p => p.Fees)),
            PortfolioBenchmarkName(results)));
    }

    /// <summary>A strategy's benchmark: the symbol of the instrument it is measured against (buy-and-hold of it).</summary>
    public static string BenchmarkName(BacktestResult r) => r.Snapshot.Settings?.BenchmarkInstrument?.Symbol ?? string.Empty;

    /// <summary>
    /// The portfolio's benchmark: the sum of its strategies' benchmark equities, named by their distinct symbols in
    /// order joined with <c>+</c> (e.g. <c>SPX</c> when every strategy trades SPX).
    /// </summary>
    public static string PortfolioBenchmarkName(IReadOnlyList<BacktestResult> results)
        => string.Join('+', results.Select(BenchmarkName).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal));
}
