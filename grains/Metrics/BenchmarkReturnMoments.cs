namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// Running co-moments of paired daily returns (s = the scope's, b = its benchmark's, both plain fractions), updated
/// one pair at a time (Welford 1962, extended to the co-moment) and combined exactly for disjoint series (Chan, Golub
/// and LeVeque 1979). Everything the benchmark-relative figures need, in O(1) space: the moments of s, of b and of the
/// active return d = s − b, the co-moment C = Σ(s − mean s)(b − mean b), and for the days with b &gt; 0 (up) and
/// b &lt; 0 (down) the count and Σ ln(1 + s), Σ ln(1 + b) (the logarithms of the per-sign growth products, which add on
/// merge and do not overflow). Immutable: <see cref="Add"/> and <see cref="Combine"/> return new values.
/// </summary>
/// <param name="Strategy">Moments of the scope's returns s.</param>
/// <param name="Benchmark">Moments of the benchmark's returns b.</param>
/// <param name="Active">Moments of the active returns d = s − b (kept directly, not derived from the variances, so that
/// d ≡ 0 gives a tracking error of exactly 0).</param>
/// <param name="CoMoment">Σ(s − mean s)(b − mean b) over the pairs; the co-variance is this / n (ddof 0) or / (n − 1).</param>
/// <param name="UpCount">Pairs with b &gt; 0.</param>
/// <param name="UpLogStrategy">Σ ln(1 + s) over the pairs with b &gt; 0.</param>
/// <param name="UpLogBenchmark">Σ ln(1 + b) over the pairs with b &gt; 0.</param>
/// <param name="DownCount">Pairs with b &lt; 0.</param>
/// <param name="DownLogStrategy">Σ ln(1 + s) over the pairs with b &lt; 0.</param>
/// <param name="DownLogBenchmark">Σ ln(1 + b) over the pairs with b &lt; 0.</param>
public readonly record struct BenchmarkReturnMoments(
    ReturnMoments Strategy,
    ReturnMoments Benchmark,
    ReturnMoments Active,
    double CoMoment,
    long UpCount,
    double UpLogStrategy,
    double UpLogBenchmark,
    long DownCount,
    double DownLogStrategy,
    double DownLogBenchmark)
{
    /// <summary>Number of pairs.</summary>
    public long Count => Strategy.Count;

    /// <summary>
    /// Adds one pair. With δs = s − mean s (before), δb = b − mean b (before) and mean b′ the mean after:
    /// <c>C += δs · (b − mean b′)</c>, the co-moment form of Welford's update.
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

        double deltaStrategy = strategyReturn - Strategy.Mean;
        var benchmark = Benchmark.Add(benchmarkReturn);
        double coMoment = CoMoment + (deltaStrategy * (benchmarkReturn - benchmark.Mean));
        var next = this with
        {
            Strategy = Strategy.Add(strategyReturn),
            Benchmark = benchmark,
            Active = Active.Add(strategyReturn - benchmarkReturn),
            CoMoment = coMoment,
        };

        if (benchmarkReturn > 0)
        {
            return next with
            {
                UpCount = UpCount + 1,
                UpLogStrategy = UpLogStrategy + Math.Log(1 + strategyReturn),
                UpLogBenchmark = UpLogBenchmark + Math.Log(1 + benchmarkReturn),
            };
        }

        if (benchmarkReturn < 0)
        {
            return next with
            {
                DownCount = DownCount + 1,
                DownLogStrategy = DownLogStrategy + Math.Log(1 + strategyReturn),
                DownLogBenchmark = DownLogBenchmark + Math.Log(1 + benchmarkReturn),
            };
        }

        return next;
    }

    /// <summary>
    /// Combines the moments of two disjoint series of pairs (Chan et al. 1979): the three <see cref="ReturnMoments"/>
    /// combine as documented there, <c>C = C_A + C_B + δs·δb·n_A·n_B / n</c> with δ the difference of the means, and the
    /// per-sign counts and log sums add. Independent of the order.
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
        double deltaStrategy = b.Strategy.Mean - a.Strategy.Mean;
        double deltaBenchmark = b.Benchmark.Mean - a.Benchmark.Mean;
        return new BenchmarkReturnMoments(
            ReturnMoments.Combine(a.Strategy, b.Strategy),
            ReturnMoments.Combine(a.Benchmark, b.Benchmark),
            ReturnMoments.Combine(a.Active, b.Active),
            a.CoMoment + b.CoMoment + (deltaStrategy * deltaBenchmark * ((double)a.Count * b.Count / n)),
            a.UpCount + b.UpCount,
            a.UpLogStrategy + b.UpLogStrategy,
            a.UpLogBenchmark + b.UpLogBenchmark,
            a.DownCount + b.DownCount,
            a.DownLogStrategy + b.DownLogStrategy,
            a.DownLogBenchmark + b.DownLogBenchmark);
    }
}
