namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// Running co-moments of paired daily returns (s = the scope's, b = its benchmark's, both plain fractions), updated
/// one pair at a time (Welford 1962, extended to the co-moment) and combined exactly for disjoint series (Chan, Golub
/// and LeVeque 1979). Everything the benchmark-relative figures need, in O(1) space: the moments of s, of b and of the
/// active return d = s − b, the co-moment C = Σ(s − mean s)(b − mean b), and for the days with b &gt; 0 (up) and
/// b &lt; 0 (down) the count and the growth products Π(1 + s), Π(1 + b), which multiply on merge. (A product leaves
/// the range of <see cref="double"/> only after tens of thousands of such days, e.g. 1.01^71,000; the capture figure
/// is then null.) The default value holds no pairs (its zero products are read as 1). Immutable: <see cref="Add"/> and
/// <see cref="Combine"/> return new values.
/// </summary>
/// <param name="Count">Number of pairs, ≥ 0.</param>
/// <param name="StrategyMean">Mean of s; 0 without pairs.</param>
/// <param name="BenchmarkMean">Mean of b; 0 without pairs.</param>
/// <param name="StrategyM2">Σ(s − mean s)², ≥ 0.</param>
/// <param name="BenchmarkM2">Σ(b − mean b)², ≥ 0.</param>
/// <param name="CoMoment">Σ(s − mean s)(b − mean b); the co-variance is this / n (ddof 0) or / (n − 1).</param>
/// <param name="ActiveMean">Mean of the active returns d = s − b.</param>
/// <param name="ActiveM2">Σ(d − mean d)², kept directly (not derived from the variances) so that d ≡ 0 gives a
/// tracking error of exactly 0.</param>
/// <param name="UpCount">Pairs with b &gt; 0.</param>
/// <param name="UpGrowthStrategy">Π(1 + s) over the pairs with b &gt; 0; 1 without such pairs.</param>
/// <param name="UpGrowthBenchmark">Π(1 + b) over the pairs with b &gt; 0; 1 without such pairs.</param>
/// <param name="DownCount">Pairs with b &lt; 0.</param>
/// <param name="DownGrowthStrategy">Π(1 + s) over the pairs with b &lt; 0; 1 without such pairs.</param>
/// <param name="DownGrowthBenchmark">Π(1 + b) over the pairs with b &lt; 0; 1 without such pairs.</param>
public readonly record struct BenchmarkReturnMoments(
    long Count,
    double StrategyMean,
    double BenchmarkMean,
    double StrategyM2,
    double BenchmarkM2,
    double CoMoment,
    double ActiveMean,
    double ActiveM2,
    long UpCount,
    double UpGrowthStrategy,
    double UpGrowthBenchmark,
    long DownCount,
    double DownGrowthStrategy,
    double DownGrowthBenchmark)
{
    /// <summary>
    /// Sample standard deviation (ddof 1) of the active returns, √(ActiveM2 / (n − 1)); null with fewer than two pairs.
    /// </summary>
    public double? ActiveStandardDeviation => Count >= 2 ? Math.Sqrt(ActiveM2 / (Count - 1)) : null;

    /// <summary>
    /// Adds one pair (Welford): with δs = s − mean s and δb = b − mean b before the update and the means after it,
    /// <c>M2s += δs·(s − mean s′)</c>, <c>M2b += δb·(b − mean b′)</c>, <c>C += δs·(b − mean b′)</c>; likewise for d.
    /// </summary>
    /// <param name="strategyReturn">The scope's return; finite and &gt; −1.</param>
    /// <param name="benchmarkReturn">The benchmark's return on the same day; finite and &gt; −1.</param>
    /// <returns>The moments including the pair.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A return is NaN, infinite or ≤ −1 (equity must stay positive).</exception>
    public BenchmarkReturnMoments Add(double strategyReturn, double benchmarkReturn)
    {
        if (!double.IsFinite(strategyReturn) || strategyReturn <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(strategyReturn), strategyReturn, "A return must be finite and above -1.");
        }

        if (!double.IsFinite(benchmarkReturn) || benchmarkReturn <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkReturn), benchmarkReturn, "A return must be finite and above -1.");
        }

        // The default value (no pairs) has zero products: they start at 1.
        bool fresh = Count == 0;
        long n = Count + 1;
        double inverse = 1.0 / n;
        double deltaS = strategyReturn - StrategyMean;
        double deltaB = benchmarkReturn - BenchmarkMean;
        double active = strategyReturn - benchmarkReturn;
        double deltaA = active - ActiveMean;
        double meanS = StrategyMean + (deltaS * inverse);
        double meanB = BenchmarkMean + (deltaB * inverse);
        double meanA = ActiveMean + (deltaA * inverse);
        bool up = benchmarkReturn > 0;
        bool down = benchmarkReturn < 0;
        double upS = fresh ? 1 : UpGrowthStrategy, upB = fresh ? 1 : UpGrowthBenchmark;
        double downS = fresh ? 1 : DownGrowthStrategy, downB = fresh ? 1 : DownGrowthBenchmark;
        return new BenchmarkReturnMoments(
            n,
            meanS,
            meanB,
            StrategyM2 + (deltaS * (strategyReturn - meanS)),
            BenchmarkM2 + (deltaB * (benchmarkReturn - meanB)),
            CoMoment + (deltaS * (benchmarkReturn - meanB)),
            meanA,
            ActiveM2 + (deltaA * (active - meanA)),
            up ? UpCount + 1 : UpCount,
            up ? upS * (1 + strategyReturn) : upS,
            up ? upB * (1 + benchmarkReturn) : upB,
            down ? DownCount + 1 : DownCount,
            down ? downS * (1 + strategyReturn) : downS,
            down ? downB * (1 + benchmarkReturn) : downB);
    }

    /// <summary>
    /// Combines the moments of two disjoint series of pairs (Chan et al. 1979): with n = n_A + n_B and δ the difference
    /// of the means, <c>mean = mean_A + δ·n_B/n</c>, <c>M2 = M2_A + M2_B + δ²·n_A·n_B/n</c>,
    /// <c>C = C_A + C_B + δs·δb·n_A·n_B/n</c>; the per-sign counts add and the growth products multiply. Independent of
    /// the order.
    /// </summary>
    /// <param name="a">One series' moments.</param>
    /// <param name="b">The other series' moments.</param>
    /// <returns>The moments of the concatenated series.</returns>
    public static BenchmarkReturnMoments Combine(BenchmarkReturnMoments a, BenchmarkReturnMoments b)
    {
        if (a.Count == 0)
        {
            return b;
        }

        if (b.Count == 0)
        {
            return a;
        }

        long n = a.Count + b.Count;
        double weightB = (double)b.Count / n;
        double cross = (double)a.Count * b.Count / n;
        double deltaS = b.StrategyMean - a.StrategyMean;
        double deltaB = b.BenchmarkMean - a.BenchmarkMean;
        double deltaA = b.ActiveMean - a.ActiveMean;
        return new BenchmarkReturnMoments(
            n,
            a.StrategyMean + (deltaS * weightB),
            a.BenchmarkMean + (deltaB * weightB),
            a.StrategyM2 + b.StrategyM2 + (deltaS * deltaS * cross),
            a.BenchmarkM2 + b.BenchmarkM2 + (deltaB * deltaB * cross),
            a.CoMoment + b.CoMoment + (deltaS * deltaB * cross),
            a.ActiveMean + (deltaA * weightB),
            a.ActiveM2 + b.ActiveM2 + (deltaA * deltaA * cross),
            a.UpCount + b.UpCount,
            a.UpGrowthStrategy * b.UpGrowthStrategy,
            a.UpGrowthBenchmark * b.UpGrowthBenchmark,
            a.DownCount + b.DownCount,
            a.DownGrowthStrategy * b.DownGrowthStrategy,
            a.DownGrowthBenchmark * b.DownGrowthBenchmark);
    }
}
