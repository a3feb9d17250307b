namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// The benchmark-relative figures of a bucket from the co-moments of its paired daily returns (see
/// <c>docs/metrics.md</c>, "Benchmark-relative metrics"). O(1). Risk-free rate 0, 252 days a year, as empyrical.
/// </summary>
internal static class BenchmarkRelative
{
    /// <summary>empyrical's <c>beta_aligned</c> treats a benchmark variance (ddof 0) below this as zero (NaN beta).</summary>
    private const double MinimumBenchmarkVariance = 1.0e-30;

    private static readonly double SqrtTradingDays = Math.Sqrt(MetricsConventions.TradingDaysPerYear);

    /// <summary>Computes the figures; each is null where it is undefined (see the members of <see cref="Figures"/>).</summary>
    /// <param name="m">Co-moments of the paired daily returns (strategy, benchmark).</param>
    /// <returns>The figures.</returns>
    public static Figures Compute(in BenchmarkReturnMoments m)
    {
        long n = m.Count;
        double? beta = null;
        double? alpha = null;
        double? correlation = null;
        if (n >= 2)
        {
            // empyrical beta: cov(s, b; ddof 0) / var(b; ddof 0) = C / M2_b.
            if (m.BenchmarkM2 / n >= MinimumBenchmarkVariance)
            {
                double b = m.CoMoment / m.BenchmarkM2;
                beta = b;

                // empyrical alpha: (1 + mean(s − beta·b))^252 − 1.
                alpha = Finite(Math.Pow(1 + (m.StrategyMean - (b * m.BenchmarkMean)), MetricsConventions.TradingDaysPerYear) - 1);
            }

            if (m.StrategyM2 > 0 && m.BenchmarkM2 > 0)
            {
                // Pearson's r; clamped because rounding can leave |r| a few ulps above 1 for (anti-)identical series.
                correlation = Math.Clamp(m.CoMoment / Math.Sqrt(m.StrategyM2 * m.BenchmarkM2), -1.0, 1.0);
            }
        }

        double? activeSd = m.ActiveStandardDeviation;
        return new Figures(
            alpha,
            beta,
            correlation,
            activeSd * SqrtTradingDays,
            activeSd is > 0 ? m.ActiveMean / activeSd * SqrtTradingDays : null,
            Capture(m.UpCount, m.UpGrowthStrategy, m.UpGrowthBenchmark),
            Capture(m.DownCount, m.DownGrowthStrategy, m.DownGrowthBenchmark));
    }

    /// <summary>
    /// empyrical <c>capture</c> over one sign's days: annual_return(s) / annual_return(b), where annual_return is
    /// Π(1 + r)^(252 / days) − 1 (empyrical <c>annual_return</c>).
    /// </summary>
    private static double? Capture(long days, double growthStrategy, double growthBenchmark)
    {
        if (days == 0)
        {
            return null;
        }

        double years = (double)MetricsConventions.TradingDaysPerYear / days;
        double benchmark = Math.Pow(growthBenchmark, years) - 1;
        return benchmark == 0 ? null : Finite((Math.Pow(growthStrategy, years) - 1) / benchmark);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>The benchmark-relative figures of one bucket (plain fractions and ratios).</summary>
    /// <param name="Alpha">Annualised alpha; null with fewer than 2 pairs or zero benchmark variance.</param>
    /// <param name="Beta">Beta; null with fewer than 2 pairs or a benchmark variance (ddof 0) below 1e-30.</param>
    /// <param name="Correlation">Pearson correlation in [−1, 1]; null with fewer than 2 pairs or a zero variance.</param>
    /// <param name="TrackingError">Annualised std (ddof 1) of the active returns; null with fewer than 2 pairs.</param>
    /// <param name="InformationRatio">Annualised mean / std of the active returns; null with fewer than 2 pairs or zero tracking error.</param>
    /// <param name="UpCapture">Up capture; null without a day of positive benchmark return.</param>
    /// <param name="DownCapture">Down capture; null without a day of negative benchmark return.</param>
    public readonly record struct Figures(
        double? Alpha,
        double? Beta,
        double? Correlation,
        double? TrackingError,
        double? InformationRatio,
        double? UpCapture,
        double? DownCapture);
}
