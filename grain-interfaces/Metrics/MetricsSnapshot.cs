using Orleans;

namespace TradingRobotPlug.GrainInterfaces.Metrics;

/// <summary>
/// The performance figures of one bucket at one moment (see <c>docs/metrics.md</c> for every definition and its
/// source). Money is <see cref="decimal"/> in account currency; statistics are <see cref="double"/>; returns and
/// fractions are plain fractions (0.01 = 1 %). A figure that is undefined for the data (e.g. a ratio whose
/// denominator is zero) is null, never a sentinel.
/// </summary>
[GenerateSerializer, Immutable, Alias("trp.MetricsSnapshot")]
public sealed record MetricsSnapshot
{
    /// <summary>The bucket's period.</summary>
    [Id(0)]
    public BucketPeriod Period { get; init; }

    /// <summary>Whether the bucket was closed (final figures).</summary>
    [Id(1)]
    public bool IsClosed { get; init; }

    /// <summary>Number of closed round-trip trades.</summary>
    [Id(2)]
    public long Trades { get; init; }

    /// <summary>Trades with net P&amp;L &gt; 0.</summary>
    [Id(3)]
    public long Wins { get; init; }

    /// <summary>Trades with net P&amp;L &lt; 0.</summary>
    [Id(4)]
    public long Losses { get; init; }

    /// <summary>Trades with net P&amp;L = 0: neither wins nor losses, but counted in <see cref="Trades"/> (so they lower both rates).</summary>
    [Id(5)]
    public long Breakevens { get; init; }

    /// <summary>Wins / trades in [0, 1]; null without trades.</summary>
    [Id(6)]
    public double? WinRate { get; init; }

    /// <summary>Sum of winning net P&amp;L, ≥ 0.</summary>
    [Id(7)]
    public decimal GrossProfit { get; init; }

    /// <summary>Sum of losing net P&amp;L, ≤ 0.</summary>
    [Id(8)]
    public decimal GrossLoss { get; init; }

    /// <summary>Gross profit / |gross loss|, ≥ 0; null without losing trades.</summary>
    [Id(9)]
    public double? ProfitFactor { get; init; }

    /// <summary>
    /// Realized P&amp;L after fees = gross profit + gross loss: the closed round trips' net P&amp;L (trades exiting in the
    /// bucket), account currency. Not the marked change of equity; that is <see cref="NetPnl"/>.
    /// </summary>
    [Id(10)]
    public decimal RealizedPnl { get; init; }

    /// <summary>Fees paid, ≥ 0 (already included in the net P&amp;L figures).</summary>
    [Id(11)]
    public decimal Fees { get; init; }

    /// <summary>Gross profit / wins, &gt; 0; null without wins.</summary>
    [Id(12)]
    public decimal? AverageWin { get; init; }

    /// <summary>Gross loss / losses, a negative amount; null without losses.</summary>
    [Id(13)]
    public decimal? AverageLoss { get; init; }

    /// <summary>
    /// Win rate × average win − loss rate × |average loss| (a missing average counts as 0), which equals
    /// net P&amp;L / trades; null without trades.
    /// </summary>
    [Id(14)]
    public decimal? Expectancy { get; init; }

    /// <summary>Largest winning net P&amp;L; null without wins.</summary>
    [Id(15)]
    public decimal? LargestWin { get; init; }

    /// <summary>Most negative losing net P&amp;L; null without losses.</summary>
    [Id(16)]
    public decimal? LargestLoss { get; init; }

    /// <summary>Mean of the trades' returns (fraction); null without trades.</summary>
    [Id(17)]
    public double? AverageTradeReturn { get; init; }

    /// <summary>Mean holding time; null without trades.</summary>
    [Id(18)]
    public TimeSpan? AverageHoldingTime { get; init; }

    /// <summary>Number of equity marks.</summary>
    [Id(19)]
    public long Marks { get; init; }

    /// <summary>Time of the last mark, i.e. how current the equity figures are; null without marks.</summary>
    [Id(20)]
    public DateTimeOffset? LastMarkTime { get; init; }

    /// <summary>Equity the bucket's returns are measured from: the opening equity, or the first mark when that is unknown; null when neither exists.</summary>
    [Id(21)]
    public decimal? StartEquity { get; init; }

    /// <summary>Equity at the last mark; null without marks.</summary>
    [Id(22)]
    public decimal? EndEquity { get; init; }

    /// <summary>Highest equity of the path (opening equity and marks); null without marks.</summary>
    [Id(23)]
    public decimal? PeakEquity { get; init; }

    /// <summary>Largest fall from the running peak in account currency, ≥ 0; null without marks. May occur at a different mark than <see cref="MaxDrawdown"/>.</summary>
    [Id(24)]
    public decimal? MaxDrawdownAmount { get; init; }

    /// <summary>Maximum drawdown as a positive fraction in [0, 1): −min over marks of (equity / running peak − 1); null without marks.</summary>
    [Id(25)]
    public double? MaxDrawdown { get; init; }

    /// <summary>Fraction of marks taken while in the market, in [0, 1]; null without marks.</summary>
    [Id(26)]
    public double? Exposure { get; init; }

    /// <summary>Moments of the daily returns (count, mean, M2, downside sum of squares).</summary>
    [Id(27)]
    public ReturnMoments DailyReturnMoments { get; init; }

    /// <summary>Number of daily returns (UTC days with marks).</summary>
    public long DailyReturnCount => DailyReturnMoments.Count;

    /// <summary>Mean daily return; null without daily returns.</summary>
    [Id(28)]
    public double? MeanDailyReturn { get; init; }

    /// <summary>Annualised volatility, std(ddof = 1) × √252; null with fewer than two daily returns.</summary>
    [Id(29)]
    public double? Volatility { get; init; }

    /// <summary>Annualised downside risk with a zero target, √(mean(min(r, 0)²)) × √252 over all daily returns (empyrical); null without daily returns.</summary>
    [Id(30)]
    public double? DownsideRisk { get; init; }

    /// <summary>Annualised Sharpe ratio with a zero risk-free rate, mean / std(ddof = 1) × √252; null with fewer than two daily returns or zero standard deviation.</summary>
    [Id(31)]
    public double? Sharpe { get; init; }

    /// <summary>Annualised Sortino ratio, mean × 252 / downside risk (empyrical); null without daily returns or without a negative one.</summary>
    [Id(32)]
    public double? Sortino { get; init; }

    /// <summary>End equity / start equity − 1; null without marks.</summary>
    [Id(33)]
    public double? TotalReturn { get; init; }

    /// <summary>Compound annual growth rate, (end / start)^(252 / n) − 1 with n = number of daily returns; null without daily returns.</summary>
    [Id(34)]
    public double? Cagr { get; init; }

    /// <summary>CAGR / max drawdown; null when either is null or the max drawdown is 0.</summary>
    [Id(35)]
    public double? Calmar { get; init; }

    /// <summary>Historical one-day VaR at 95 %: the 5th percentile of the daily returns (numpy "linear"), a return (negative = loss); null without daily returns.</summary>
    [Id(36)]
    public double? ValueAtRisk95 { get; init; }

    /// <summary>Historical one-day CVaR at 95 %: the mean of the daily returns ≤ <see cref="ValueAtRisk95"/>; null without daily returns.</summary>
    [Id(37)]
    public double? ConditionalValueAtRisk95 { get; init; }

    /// <summary>
    /// Net (marked) P&amp;L of the bucket: end equity − start equity, account currency, open positions included (the
    /// P&amp;L that <see cref="TotalReturn"/> is a return of); null without marks. Compare <see cref="RealizedPnl"/>.
    /// </summary>
    [Id(38)]
    public decimal? NetPnl { get; init; }

    /// <summary>
    /// The benchmark's total return over the bucket, end / start − 1 of its equity (start: its opening equity, else its
    /// first mark); null without marks or without a benchmark.
    /// </summary>
    [Id(39)]
    public double? BenchmarkTotalReturn { get; init; }

    /// <summary>
    /// Annualised alpha against the benchmark (empyrical <c>alpha</c>, risk-free 0): (1 + mean(s − β·b))^252 − 1 over
    /// the paired daily returns s (scope) and b (benchmark); null when <see cref="Beta"/> is null.
    /// </summary>
    [Id(40)]
    public double? Alpha { get; init; }

    /// <summary>
    /// Beta against the benchmark (empyrical <c>beta</c>): cov(s, b) / var(b), both with ddof 0; null with fewer than two
    /// paired daily returns, without a benchmark, or when var(b) &lt; 1e-30.
    /// </summary>
    [Id(41)]
    public double? Beta { get; init; }

    /// <summary>Pearson correlation of s and b in [−1, 1]; null with fewer than two pairs or a zero variance of either.</summary>
    [Id(42)]
    public double? Correlation { get; init; }

    /// <summary>Annualised tracking error: std(s − b, ddof = 1) × √252; null with fewer than two pairs.</summary>
    [Id(43)]
    public double? TrackingError { get; init; }

    /// <summary>Annualised information ratio: mean(s − b) / std(s − b, ddof = 1) × √252; null with fewer than two pairs or a zero tracking error.</summary>
    [Id(44)]
    public double? InformationRatio { get; init; }

    /// <summary>
    /// Up capture (empyrical <c>up_capture</c>): annual return of s over the days with b &gt; 0 / annual return of b over
    /// those days, with annual return = Π(1 + r)^(252 / days) − 1; null without such a day.
    /// </summary>
    [Id(45)]
    public double? UpCapture { get; init; }

    /// <summary>Down capture (empyrical <c>down_capture</c>): as <see cref="UpCapture"/> over the days with b &lt; 0; null without such a day.</summary>
    [Id(46)]
    public double? DownCapture { get; init; }

    /// <summary><see cref="TotalReturn"/> − <see cref="BenchmarkTotalReturn"/>; null when either is null.</summary>
    [Id(47)]
    public double? ExcessReturn { get; init; }
}
