using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>
/// The benchmark-relative figures (alpha, beta, correlation, tracking error, information ratio, up/down capture,
/// excess return) against a plain two-pass computation written here from empyrical's definitions, on a paired
/// synthetic history; roll-up (merge) against direct feeding; and the null cases.
/// </summary>
public sealed class BenchmarkRelativeMetricsTests
{
    private const decimal Capital = 100_000m;
    private const int Year = 252;
    private static readonly BucketPeriod AllTime = BucketPeriod.For(BucketLevel.AllTime, DateTimeOffset.UnixEpoch);
    private static readonly IReadOnlyList<EquityMark> History = PairedHistory(1_500, seed: 7);

    [Fact]
    public void Each_figure_matches_the_two_pass_empyrical_reference()
    {
        var acc = Feed(new MetricsAccumulator(AllTime, Capital, Capital), History);
        var m = acc.ToSnapshot();
        var (s, b) = DailyReturns(History, Capital, Capital);

        Assert.True(s.Length > 1_400);
        Assert.Contains(b, r => r == 0); // some days with an unchanged benchmark: neither up nor down
        double beta = Reference.Beta(s, b)!.Value;
        Assert.InRange(beta, 0.3, 1.5);
        MetricsAssert.Close(beta, m.Beta!.Value, 1e-9, "beta");
        MetricsAssert.Close(Reference.Alpha(s, b)!.Value, m.Alpha!.Value, 1e-9, "alpha");
        MetricsAssert.Close(Reference.Correlation(s, b)!.Value, m.Correlation!.Value, 1e-9, "correlation");
        MetricsAssert.Close(Reference.TrackingError(s, b)!.Value, m.TrackingError!.Value, 1e-9, "tracking error");
        MetricsAssert.Close(Reference.InformationRatio(s, b)!.Value, m.InformationRatio!.Value, 1e-9, "information ratio");
        MetricsAssert.Close(Reference.UpCapture(s, b)!.Value, m.UpCapture!.Value, 1e-9, "up capture");
        MetricsAssert.Close(Reference.DownCapture(s, b)!.Value, m.DownCapture!.Value, 1e-9, "down capture");
        double total = (double)(History[^1].Equity / Capital) - 1;
        double benchmarkTotal = (double)(History[^1].BenchmarkEquity!.Value / Capital) - 1;
        MetricsAssert.Close(benchmarkTotal, m.BenchmarkTotalReturn!.Value, 1e-12, "benchmark total return");
        MetricsAssert.Close(total - benchmarkTotal, m.ExcessReturn!.Value, 1e-12, "excess return");
        Assert.Equal(History[^1].Equity - Capital, m.NetPnl);
    }

    [Fact]
    public void A_bucket_with_an_opening_equity_bases_its_first_returns_on_it()
    {
        // A later year: the opening equities are the marks just before it, as MetricsBook passes them.
        var year = BucketPeriod.For(BucketLevel.Yearly, History[600].Time);
        var before = History.Last(x => x.Time < year.Start);
        var inYear = History.Where(x => year.Contains(x.Time)).ToList();
        var m = Feed(new MetricsAccumulator(year, before.Equity, before.BenchmarkEquity), inYear).ToSnapshot();
        var (s, b) = DailyReturns(inYear, before.Equity, before.BenchmarkEquity!.Value);

        MetricsAssert.Close(Reference.Beta(s, b)!.Value, m.Beta!.Value, 1e-9, "beta");
        MetricsAssert.Close(Reference.Alpha(s, b)!.Value, m.Alpha!.Value, 1e-9, "alpha");
        MetricsAssert.Close(Reference.UpCapture(s, b)!.Value, m.UpCapture!.Value, 1e-9, "up capture");
        MetricsAssert.Close(Reference.DownCapture(s, b)!.Value, m.DownCapture!.Value, 1e-9, "down capture");
        MetricsAssert.Close(Reference.InformationRatio(s, b)!.Value, m.InformationRatio!.Value, 1e-9, "information ratio");
    }

    [Fact]
    public void Days_rolled_up_through_months_quarters_and_years_equal_direct_feeding()
    {
        var direct = Feed(new MetricsAccumulator(AllTime, Capital, Capital), History).ToSnapshot();
        var allTime = new MetricsAccumulator(AllTime, Capital, Capital);
        BucketLevel[] levels = [BucketLevel.Monthly, BucketLevel.Quarterly, BucketLevel.Yearly];
        var open = new MetricsAccumulator?[levels.Length];

        // Parents are created lazily without opening equities (they adopt their first child's), closed when the next
        // child falls into a new period, and pushed one level up.
        void Push(int level, MetricsAccumulator child)
        {
            if (level == levels.Length)
            {
                allTime.Merge(child);
                return;
            }

            var period = BucketPeriod.For(levels[level], child.Period.Start);
            if (open[level] is { } current && current.Period != period)
            {
                current.Close();
                open[level] = null;
                Push(level + 1, current);
            }

            (open[level] ??= new MetricsAccumulator(period, null, null)).Merge(child);
        }

        foreach (var day in History.GroupBy(x => BucketPeriod.For(BucketLevel.Daily, x.Time)))
        {
            var opening = Before(day.Key.Start);
            var child = Feed(new MetricsAccumulator(day.Key, opening.Equity, opening.Benchmark), day);
            child.Close();
            Push(0, child);
        }

        for (int level = 0; level < levels.Length; level++)
        {
            var last = open[level]!;
            last.Close();
            open[level] = null;
            Push(level + 1, last);
        }

        Assert.NotNull(direct.Beta);
        MetricsAssert.Equivalent(direct, allTime.ToSnapshot(), 1e-9, "all_time from days");
    }

    [Fact]
    public void Hours_rolled_into_days_and_open_children_merged_into_a_clone_equal_direct_feeding()
    {
        var part = History.Take(300).ToList();
        var direct = Feed(new MetricsAccumulator(AllTime, Capital, Capital), part).ToSnapshot();
        var allTime = new MetricsAccumulator(AllTime, Capital, Capital);
        foreach (var day in part.GroupBy(x => BucketPeriod.For(BucketLevel.Daily, x.Time)))
        {
            var daily = new MetricsAccumulator(day.Key, null, null);
            foreach (var hour in day.GroupBy(x => BucketPeriod.For(BucketLevel.Hourly, x.Time)))
            {
                var opening = Before(hour.Key.Start);
                var hourly = Feed(new MetricsAccumulator(hour.Key, opening.Equity, opening.Benchmark), hour);
                daily.Merge(hourly); // an open child
            }

            daily.Close();
            allTime.Merge(daily);
        }

        MetricsAssert.Equivalent(direct, allTime.ToSnapshot(), 1e-9, "all_time from hours");
    }

    [Fact]
    public void The_metrics_book_fans_out_benchmark_marks_exactly()
    {
        var book = new MetricsBook(Capital, Timeframe.OneDay, Capital);
        foreach (var mark in History)
        {
            book.AddMark(mark);
        }

        var direct = Feed(new MetricsAccumulator(AllTime, Capital, Capital), History).ToSnapshot();
        MetricsAssert.Equivalent(direct, book.AllTime!.ToSnapshot(), 0, "book all_time");
        var months = book.DrainClosed(BucketLevel.Monthly);
        var june = months.First(x => x.Period.Start.Month == 6);
        var opening = Before(june.Period.Start);
        var inJune = History.Where(x => june.Period.Contains(x.Time)).ToList();
        var expected = Feed(new MetricsAccumulator(june.Period, opening.Equity, opening.Benchmark), inJune);
        expected.Close();
        MetricsAssert.Equivalent(expected.ToSnapshot(), june, 0, "june");
    }

    [Fact]
    public void Without_a_benchmark_every_benchmark_figure_is_null()
    {
        var marks = History.Take(50).Select(x => x with { BenchmarkEquity = null }).ToList();
        var m = Feed(new MetricsAccumulator(AllTime, Capital), marks).ToSnapshot();

        Assert.NotNull(m.Sharpe);
        Assert.All(
            new[] { m.Alpha, m.Beta, m.Correlation, m.TrackingError, m.InformationRatio, m.UpCapture, m.DownCapture, m.ExcessReturn, m.BenchmarkTotalReturn },
            x => Assert.Null(x));
    }

    [Fact]
    public void One_paired_return_gives_only_the_excess_return_and_a_capture()
    {
        var t = new DateTimeOffset(2024, 3, 4, 21, 0, 0, TimeSpan.Zero);
        var m = Feed(new MetricsAccumulator(AllTime, 100m, 100m), [new EquityMark(t, 103m, true, 102m)]).ToSnapshot();

        Assert.Null(m.Beta);
        Assert.Null(m.Alpha);
        Assert.Null(m.Correlation);
        Assert.Null(m.TrackingError);
        Assert.Null(m.InformationRatio);
        Assert.Null(m.DownCapture);
        MetricsAssert.Close(Math.Pow(1.03, Year) - 1, (Math.Pow(1.02, Year) - 1) * m.UpCapture!.Value, 1e-12, "up capture of one day");
        MetricsAssert.Close(0.01, m.ExcessReturn!.Value, 1e-12, "excess return");
        Assert.Equal(3m, m.NetPnl);
    }

    [Fact]
    public void A_constant_benchmark_has_no_beta_alpha_correlation_or_capture()
    {
        var t = new DateTimeOffset(2024, 3, 4, 21, 0, 0, TimeSpan.Zero);
        EquityMark[] marks = [new(t, 101m, true, 100m), new(t.AddDays(1), 99m, true, 100m), new(t.AddDays(2), 102m, true, 100m)];
        var m = Feed(new MetricsAccumulator(AllTime, 100m, 100m), marks).ToSnapshot();

        Assert.Null(m.Beta);
        Assert.Null(m.Alpha);
        Assert.Null(m.Correlation);
        Assert.Null(m.UpCapture);
        Assert.Null(m.DownCapture);
        Assert.NotNull(m.TrackingError);
        Assert.NotNull(m.InformationRatio);
        Assert.Equal(0.02, m.ExcessReturn!.Value, 12);
    }

    [Fact]
    public void A_strategy_equal_to_its_benchmark_has_beta_one_and_no_active_risk()
    {
        var marks = History.Select(x => x with { Equity = x.BenchmarkEquity!.Value }).ToList();
        var m = Feed(new MetricsAccumulator(AllTime, Capital, Capital), marks).ToSnapshot();

        Assert.Equal(1.0, m.Beta!.Value, 12);
        Assert.Equal(0.0, m.Alpha!.Value, 12);
        Assert.Equal(1.0, m.Correlation!.Value, 12);
        Assert.Equal(0.0, m.TrackingError);
        Assert.Null(m.InformationRatio);
        Assert.Equal(1.0, m.UpCapture!.Value, 12);
        Assert.Equal(1.0, m.DownCapture!.Value, 12);
        Assert.Equal(0.0, m.ExcessReturn);
    }

    [Fact]
    public void Marks_with_and_without_a_benchmark_do_not_mix_in_a_bucket()
    {
        var t = new DateTimeOffset(2024, 3, 4, 21, 0, 0, TimeSpan.Zero);
        var acc = new MetricsAccumulator(AllTime, 100m, 100m);
        acc.AddMark(new EquityMark(t, 101m, true, 100m));
        Assert.Throws<ArgumentException>(() => acc.AddMark(new EquityMark(t.AddDays(1), 101m, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddMark(new EquityMark(t.AddDays(1), 101m, true, 0m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsAccumulator(AllTime, 100m, -1m));

        var year = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Yearly, t), 100m, 100m);
        var wrongOpening = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Daily, t), 100m, 99m);
        Assert.Throws<ArgumentException>(() => year.Merge(wrongOpening));
        var noBenchmark = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Daily, t), 100m);
        noBenchmark.AddMark(new EquityMark(t, 101m, true));
        year.AddMark(new EquityMark(t.AddDays(-1), 100m, false, 100m));
        Assert.Throws<ArgumentException>(() => year.Merge(noBenchmark));
    }

    private static MetricsAccumulator Feed(MetricsAccumulator acc, IEnumerable<EquityMark> marks)
    {
        foreach (var mark in marks)
        {
            acc.AddMark(mark);
        }

        return acc;
    }

    /// <summary>The scope's and the benchmark's equity just before <paramref name="time"/> (the starting capital before the first mark).</summary>
    private static (decimal Equity, decimal Benchmark) Before(DateTimeOffset time)
    {
        var last = History.LastOrDefault(x => x.Time < time);
        return last.Time == default ? (Capital, Capital) : (last.Equity, last.BenchmarkEquity!.Value);
    }

    /// <summary>
    /// Daily returns of both series as the other metrics define them: the last mark of each UTC day against the
    /// previous day's, the first against the opening equity; decimal quotients converted to double.
    /// </summary>
    private static (double[] Strategy, double[] Benchmark) DailyReturns(IEnumerable<EquityMark> marks, decimal opening, decimal benchmarkOpening)
    {
        var closes = marks.GroupBy(x => x.Time.UtcTicks / TimeSpan.TicksPerDay).Select(g => g.Last()).ToList();
        var s = new double[closes.Count];
        var b = new double[closes.Count];
        decimal previous = opening, previousBenchmark = benchmarkOpening;
        for (int i = 0; i < closes.Count; i++)
        {
            s[i] = (double)((closes[i].Equity / previous) - 1m);
            b[i] = (double)((closes[i].BenchmarkEquity!.Value / previousBenchmark) - 1m);
            previous = closes[i].Equity;
            previousBenchmark = closes[i].BenchmarkEquity!.Value;
        }

        return (s, b);
    }

    /// <summary>
    /// A benchmark random walk (weekdays, one to three marks a day, about one day in 25 unchanged) and a strategy that
    /// holds it with leverage 0.8 plus its own noise, both rounded to cents.
    /// </summary>
    private static List<EquityMark> PairedHistory(int days, int seed)
    {
        var rng = new Random(seed);
        var marks = new List<EquityMark>();
        decimal equity = Capital, benchmark = Capital;
        var day = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int done = 0; done < days; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            done++;
            int count = rng.Next(1, 4);
            bool flat = rng.NextDouble() < 0.04;
            for (int i = 0; i < count; i++)
            {
                double market = flat ? 0 : 0.0003 + (0.01 * Gaussian(rng) / Math.Sqrt(count));
                double own = 0.0001 + (0.004 * Gaussian(rng) / Math.Sqrt(count));
                benchmark = Math.Round(benchmark * (decimal)(1 + market), 2);
                equity = Math.Round(equity * (decimal)(1 + (0.8 * market) + own), 2);
                marks.Add(new EquityMark(day.AddHours(14 + (2 * i)), equity, true, benchmark));
            }
        }

        return marks;
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Two-pass reference formulas following empyrical (stats.py), risk-free 0, daily, 252 days a year.</summary>
    private static class Reference
    {
        /// <summary>empyrical <c>beta</c>: cov(s, b) / var(b) with ddof 0; NaN (null) for n &lt; 2 or var(b) &lt; 1e-30.</summary>
        public static double? Beta(double[] s, double[] b)
        {
            if (s.Length < 2)
            {
                return null;
            }

            double ms = s.Average(), mb = b.Average();
            double cov = s.Zip(b, (x, y) => (x - ms) * (y - mb)).Sum() / s.Length;
            double var = b.Sum(y => (y - mb) * (y - mb)) / b.Length;
            return var < 1.0e-30 ? null : cov / var;
        }

        /// <summary>empyrical <c>alpha</c>: (1 + mean(s − beta·b))^252 − 1.</summary>
        public static double? Alpha(double[] s, double[] b)
            => Beta(s, b) is { } beta ? Math.Pow(1 + s.Zip(b, (x, y) => x - (beta * y)).Average(), Year) - 1 : null;

        /// <summary>Pearson correlation (numpy <c>corrcoef</c>).</summary>
        public static double? Correlation(double[] s, double[] b)
        {
            double ms = s.Average(), mb = b.Average();
            double sxy = s.Zip(b, (x, y) => (x - ms) * (y - mb)).Sum();
            double sxx = s.Sum(x => (x - ms) * (x - ms)), syy = b.Sum(y => (y - mb) * (y - mb));
            return s.Length < 2 || sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
        }

        /// <summary>std(s − b, ddof = 1) × √252.</summary>
        public static double? TrackingError(double[] s, double[] b) => Std(Active(s, b)) * Math.Sqrt(Year);

        /// <summary>mean(s − b) / std(s − b, ddof = 1) × √252 (empyrical's <c>excess_sharpe</c>, annualised).</summary>
        public static double? InformationRatio(double[] s, double[] b)
        {
            var a = Active(s, b);
            return Std(a) is > 0 and var sd ? a.Average() / sd * Math.Sqrt(Year) : null;
        }

        /// <summary>empyrical <c>up_capture</c>: annual_return(s[b &gt; 0]) / annual_return(b[b &gt; 0]).</summary>
        public static double? UpCapture(double[] s, double[] b) => Capture(s, b, y => y > 0);

        /// <summary>empyrical <c>down_capture</c>: annual_return(s[b &lt; 0]) / annual_return(b[b &lt; 0]).</summary>
        public static double? DownCapture(double[] s, double[] b) => Capture(s, b, y => y < 0);

        private static double? Capture(double[] s, double[] b, Func<double, bool> keep)
        {
            var idx = Enumerable.Range(0, b.Length).Where(i => keep(b[i])).ToArray();
            return idx.Length == 0 ? null : AnnualReturn(idx.Select(i => s[i])) / AnnualReturn(idx.Select(i => b[i]));
        }

        /// <summary>empyrical <c>annual_return</c>: Π(1 + r)^(252 / n) − 1.</summary>
        private static double AnnualReturn(IEnumerable<double> r)
        {
            var list = r.ToList();
            double growth = list.Aggregate(1.0, (g, x) => g * (1 + x));
            return Math.Pow(growth, (double)Year / list.Count) - 1;
        }

        private static double[] Active(double[] s, double[] b) => [.. s.Zip(b, (x, y) => x - y)];

        private static double? Std(double[] a)
        {
            if (a.Length < 2)
            {
                return null;
            }

            double mean = a.Average();
            return Math.Sqrt(a.Sum(x => (x - mean) * (x - mean)) / (a.Length - 1));
        }
    }
}
