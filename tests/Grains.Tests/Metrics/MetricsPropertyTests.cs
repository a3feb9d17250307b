using FsCheck;
using FsCheck.Fluent;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>FsCheck properties over random trades and equity paths.</summary>
public sealed class MetricsPropertyTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly BucketPeriod AllTime = BucketPeriod.For(BucketLevel.AllTime, Start);
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    // Absolute slack on top of the relative tolerance: a random mean (and so a Sharpe ratio) can be ~0, where
    // Welford's and the two-pass mean differ by ~1e-18 and a purely relative bound is meaningless.
    private const double Floor = 1e-13;

    /// <summary>A random step of a history: time advance, equity move, exposure flag and maybe a trade closing then.</summary>
    public sealed record Step(int Minutes, int MoveBps, bool InMarket, int? TradeCents, int FeeCents);

    private static readonly Gen<Step> StepGen =
        from minutes in Gen.Choose(1, 600)
        from move in Gen.Choose(-900, 900)
        from inMarket in Gen.Elements(true, false)
        from hasTrade in Gen.Elements(true, false, false)
        from pnl in Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(-50_000, 50_000)))
        from fee in Gen.Choose(0, 300)
        select new Step(minutes, move, inMarket, hasTrade ? pnl : null, fee);

    private static readonly Arbitrary<Step[]> Histories = Gen.ArrayOf(StepGen).ToArbitrary();

    private static (List<EquityMark> Marks, List<ClosedTrade> Trades) Build(Step[] steps)
    {
        var marks = new List<EquityMark>();
        var trades = new List<ClosedTrade>();
        var t = Start;
        decimal equity = 10_000m;
        foreach (var s in steps)
        {
            t = t.AddMinutes(s.Minutes);
            equity = Math.Max(0.01m, Math.Round(equity * (1m + (s.MoveBps / 10_000m)), 2));
            marks.Add(new EquityMark(t, equity, s.InMarket));
            if (s.TradeCents is { } cents)
            {
                trades.Add(new ClosedTrade(t.AddMinutes(-s.Minutes * 3), t, cents / 100m, s.FeeCents / 100m, cents / 1e6));
            }
        }

        return (marks, trades);
    }

    private static MetricsAccumulator Direct(List<EquityMark> marks, List<ClosedTrade> trades)
    {
        var acc = new MetricsAccumulator(AllTime, 10_000m);
        marks.ForEach(acc.AddMark);
        trades.ForEach(acc.AddTrade);
        return acc;
    }

    [Fact]
    public void Trade_figures_stay_in_range_and_add_up()
    {
        Check.One(Config, Prop.ForAll(Histories, steps =>
        {
            var (marks, trades) = Build(steps);
            var s = Direct(marks, trades).ToSnapshot();
            Assert.Equal(trades.Count, s.Trades);
            Assert.Equal(s.Trades, s.Wins + s.Losses + s.Breakevens);
            Assert.True(s.GrossProfit >= 0m && s.GrossLoss <= 0m);
            Assert.Equal(s.GrossProfit + s.GrossLoss, s.RealizedPnl);
            Assert.Equal(trades.Sum(t => t.NetPnl), s.RealizedPnl);
            Assert.True(s.Fees >= 0m);
            if (s.Trades == 0)
            {
                Assert.Null(s.WinRate);
                Assert.Null(s.Expectancy);
            }
            else
            {
                Assert.InRange(s.WinRate!.Value, 0.0, 1.0);
                Assert.Equal(s.RealizedPnl / s.Trades, s.Expectancy);
            }

            Assert.Equal(s.Losses == 0, s.ProfitFactor is null);
            Assert.True(s.ProfitFactor is null or >= 0);
            Assert.True(s.LargestWin is null || (s.LargestWin >= s.AverageWin && s.AverageWin > 0m));
            Assert.True(s.LargestLoss is null || (s.LargestLoss <= s.AverageLoss && s.AverageLoss < 0m));
        }));
    }

    [Fact]
    public void Equity_figures_stay_in_range()
    {
        Check.One(Config, Prop.ForAll(Histories, steps =>
        {
            var (marks, trades) = Build(steps);
            var acc = Direct(marks, trades);
            var s = acc.ToSnapshot();
            if (marks.Count == 0)
            {
                Assert.Null(s.MaxDrawdown);
                Assert.Null(s.Exposure);
                Assert.Equal(0, s.DailyReturnCount);
                return;
            }

            Assert.InRange(s.MaxDrawdown!.Value, 0.0, 1.0);
            Assert.True(s.MaxDrawdownAmount >= 0m && s.MaxDrawdownAmount <= s.PeakEquity);
            Assert.InRange(s.Exposure!.Value, 0.0, 1.0);
            Assert.True(s.PeakEquity >= s.EndEquity && s.PeakEquity >= s.StartEquity);
            Assert.Equal(marks.Select(m => m.Time.UtcDateTime.Date).Distinct().Count(), s.DailyReturnCount);

            var returns = acc.GetDailyReturns();
            Assert.InRange(s.ValueAtRisk95!.Value, returns.Min(), returns.Max());
            Assert.True(s.ConditionalValueAtRisk95 <= s.ValueAtRisk95);
            Assert.True(s.Volatility is null or >= 0 && s.DownsideRisk >= 0);
            // Π(1 + r) telescopes to end / start.
            double product = returns.Aggregate(1.0, (p, r) => p * (1 + r));
            MetricsAssert.Close(1 + s.TotalReturn!.Value, product, 1e-9, "Π(1 + r)");
            MetricsAssert.Equivalent(BatchMetrics.Compute(trades, marks, 10_000m), s, 1e-9, absolute: Floor);
        }));
    }

    [Fact]
    public void Rolling_hours_into_days_into_all_time_equals_feeding_all_time_directly()
    {
        Check.One(Config, Prop.ForAll(Histories, steps =>
        {
            var (marks, trades) = Build(steps);
            var hours = new SortedDictionary<DateTimeOffset, MetricsAccumulator>();
            decimal equityBefore = 10_000m;
            foreach (var m in marks)
            {
                var p = BucketPeriod.For(BucketLevel.Hourly, m.Time);
                if (!hours.TryGetValue(p.Start, out var hour))
                {
                    hours[p.Start] = hour = new MetricsAccumulator(p, equityBefore);
                }

                hour.AddMark(m);
                equityBefore = m.Equity;
            }

            foreach (var t in trades)
            {
                hours[BucketPeriod.For(BucketLevel.Hourly, t.ExitTime).Start].AddTrade(t);
            }

            var days = new SortedDictionary<DateTimeOffset, MetricsAccumulator>();
            foreach (var hour in hours.Values)
            {
                var p = hour.Period.Parents()[0];
                if (!days.TryGetValue(p.Start, out var day))
                {
                    // The day adopts its opening equity from its first hour.
                    days[p.Start] = day = new MetricsAccumulator(p, null);
                }

                day.Merge(hour); // children left open: Merge does not require a closed child
            }

            var rolled = new MetricsAccumulator(AllTime, 10_000m);
            foreach (var day in days.Values)
            {
                day.Close();
                rolled.Merge(day);
            }

            MetricsAssert.Equivalent(Direct(marks, trades).ToSnapshot(), rolled.ToSnapshot(), 1e-9, absolute: Floor);
        }));
    }

    [Fact]
    public void Selection_agrees_with_sorting()
    {
        var samples = Gen.NonEmptyListOf(Gen.Choose(-50, 50)).Select(l => l.Select(i => i / 1000.0).ToArray()).ToArbitrary();
        Check.One(Config, Prop.ForAll(samples, values =>
        {
            var sorted = values.OrderBy(v => v).ToArray();
            for (int k = 0; k < values.Length; k++)
            {
                var scratch = (double[])values.Clone();
                Assert.Equal(sorted[k], HistoricalRisk.Select(scratch, k));
                Assert.All(scratch.Skip(k + 1), v => Assert.True(v >= scratch[k]));
            }

            var (var, cvar) = HistoricalRisk.Compute((double[])values.Clone(), 0.05);
            double h = (values.Length - 1) * 0.05;
            int lo = (int)Math.Floor(h);
            Assert.Equal(HistoricalRisk.Lerp(sorted[lo], sorted[Math.Min(lo + 1, values.Length - 1)], h - lo), var);
            MetricsAssert.Close(sorted.Where(v => v <= var).Average(), cvar, 1e-12, "CVaR", Floor);
        }));
    }

    [Fact]
    public void Chan_combination_equals_sequential_welford()
    {
        var splits = (from xs in Gen.ListOf(Gen.Choose(-1000, 1000))
                      from cut in Gen.Choose(0, xs.Count)
                      select (Values: xs.Select(i => i / 10_000.0).ToArray(), Cut: cut)).ToArbitrary();
        Check.One(Config, Prop.ForAll(splits, x =>
        {
            var whole = x.Values.Aggregate(default(ReturnMoments), (m, v) => m.Add(v));
            var left = x.Values.Take(x.Cut).Aggregate(default(ReturnMoments), (m, v) => m.Add(v));
            var right = x.Values.Skip(x.Cut).Aggregate(default(ReturnMoments), (m, v) => m.Add(v));
            var combined = ReturnMoments.Combine(left, right);
            Assert.Equal(whole.Count, combined.Count);
            MetricsAssert.Close(whole.Mean, combined.Mean, 1e-9, "mean", Floor);
            MetricsAssert.Close(whole.M2, combined.M2, 1e-9, "M2", Floor);
            MetricsAssert.Close(whole.DownsideSumOfSquares, combined.DownsideSumOfSquares, 1e-9, "downside", Floor);
        }));
    }
}
