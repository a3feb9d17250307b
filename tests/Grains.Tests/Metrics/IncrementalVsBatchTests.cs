using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>
/// The incremental accumulator against the batch reference on a long synthetic history (5,000 trading days with
/// trades), and every roll-up path against direct feeding.
/// </summary>
public sealed class IncrementalVsBatchTests
{
    private const double Tolerance = 1e-9;
    private static readonly SyntheticHistory History = SyntheticHistory.Generate(5_000, seed: 20240601);
    private static readonly BucketPeriod AllTime = BucketPeriod.For(BucketLevel.AllTime, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Direct_all_time_accumulator_matches_the_batch_computation()
    {
        var acc = History.Direct(AllTime, SyntheticHistory.StartingCapital);
        var incremental = acc.ToSnapshot();
        var batch = BatchMetrics.Compute(History.Trades, History.Marks, SyntheticHistory.StartingCapital);

        Assert.True(incremental.DailyReturnCount > 4_800, $"only {incremental.DailyReturnCount} daily returns");
        Assert.True(incremental.Trades > 1_500 && incremental.Breakevens > 0 && incremental.Losses > 0);
        Assert.True(incremental.MaxDrawdown > 0 && incremental.Sortino is not null && incremental.ValueAtRisk95 < 0);
        MetricsAssert.Equivalent(batch, incremental, Tolerance, "all_time");
    }

    [Fact]
    public void Rolling_daily_buckets_up_through_months_quarters_and_years_equals_direct_all_time()
    {
        var days = new SortedDictionary<DateTimeOffset, MetricsAccumulator>();
        MetricsAccumulator DayOf(DateTimeOffset t)
        {
            var p = BucketPeriod.For(BucketLevel.Daily, t);
            if (!days.TryGetValue(p.Start, out var acc))
            {
                days[p.Start] = acc = new MetricsAccumulator(p, History.EquityBefore(p.Start));
            }

            return acc;
        }

        foreach (var m in History.Marks)
        {
            DayOf(m.Time).AddMark(m);
        }

        foreach (var t in History.Trades)
        {
            DayOf(t.ExitTime).AddTrade(t);
        }

        // Parents are created lazily; weekly and quarterly get their opening equity, monthly and yearly adopt it from
        // their first child, all_time starts at the starting capital.
        var weeks = new Dictionary<BucketPeriod, MetricsAccumulator>();
        var months = new Dictionary<BucketPeriod, MetricsAccumulator>();
        foreach (var day in days.Values)
        {
            day.Close();
            foreach (var parentPeriod in day.Period.Parents())
            {
                var level = parentPeriod.Level == BucketLevel.Weekly ? weeks : months;
                if (!level.TryGetValue(parentPeriod, out var parent))
                {
                    level[parentPeriod] = parent = new MetricsAccumulator(
                        parentPeriod, parentPeriod.Level == BucketLevel.Weekly ? History.EquityBefore(parentPeriod.Start) : null);
                }

                parent.Merge(day);
            }
        }

        var quarters = RollUp(months.Values, p => new MetricsAccumulator(p, History.EquityBefore(p.Start)));
        var years = RollUp(quarters, p => new MetricsAccumulator(p, null));
        var allTime = new MetricsAccumulator(AllTime, SyntheticHistory.StartingCapital);
        foreach (var year in years.OrderBy(y => y.Period.Start))
        {
            year.Close();
            allTime.Merge(year);
        }

        var direct = History.Direct(AllTime, SyntheticHistory.StartingCapital).ToSnapshot();
        MetricsAssert.Equivalent(direct, allTime.ToSnapshot(), Tolerance, "rolled-up all_time");
        Assert.Equal(
            History.Direct(AllTime, SyntheticHistory.StartingCapital).GetDailyReturns(),
            allTime.GetDailyReturns());

        // Every rolled-up week, month and year against direct feeding and the batch reference of its own events.
        foreach (var bucket in weeks.Values.Concat(months.Values).Concat(years))
        {
            var p = bucket.Period;
            decimal opening = History.EquityBefore(p.Start);
            var rolled = bucket.ToSnapshot();
            MetricsAssert.Equivalent(History.Direct(p, opening).ToSnapshot(), rolled, Tolerance, p.ToString());
            var batch = BatchMetrics.Compute(History.TradesIn(p), History.MarksIn(p), opening);
            MetricsAssert.Equivalent(batch, rolled, Tolerance, p.ToString() + " (batch)");
        }
    }

    [Fact]
    public void Trade_and_hourly_buckets_roll_up_into_days_including_days_split_across_hours()
    {
        var firstDays = History.Marks.Select(m => m.Time.UtcDateTime.Date).Distinct().Take(300).ToHashSet();
        var end = new DateTimeOffset(firstDays.Max().AddDays(1), TimeSpan.Zero);
        var hours = new SortedDictionary<DateTimeOffset, MetricsAccumulator>();
        MetricsAccumulator HourOf(DateTimeOffset t)
        {
            var p = BucketPeriod.For(BucketLevel.Hourly, t);
            if (!hours.TryGetValue(p.Start, out var acc))
            {
                hours[p.Start] = acc = new MetricsAccumulator(p, History.EquityBefore(p.Start));
            }

            return acc;
        }

        foreach (var m in History.Marks.Where(m => m.Time < end))
        {
            HourOf(m.Time).AddMark(m);
        }

        // Trades go through their own trade-level buckets (which carry no equity, so no opening equity).
        foreach (var t in History.Trades.Where(t => t.ExitTime < end))
        {
            var tradeBucket = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Trade, t.ExitTime), null);
            tradeBucket.AddTrade(t);
            tradeBucket.Close();
            HourOf(t.ExitTime).Merge(tradeBucket);
        }

        var days = new SortedDictionary<DateTimeOffset, MetricsAccumulator>();
        var allTime = new MetricsAccumulator(AllTime, SyntheticHistory.StartingCapital);
        foreach (var hour in hours.Values)
        {
            hour.Close();
            var p = hour.Period.Parents()[0];
            if (!days.TryGetValue(p.Start, out var day))
            {
                days[p.Start] = day = new MetricsAccumulator(p, History.EquityBefore(p.Start));
            }

            day.Merge(hour);
        }

        int multiHourDays = 0;
        foreach (var day in days.Values)
        {
            var p = day.Period;
            MetricsAssert.Equivalent(History.Direct(p, History.EquityBefore(p.Start)).ToSnapshot(), day.ToSnapshot(), Tolerance, p.ToString());
            multiHourDays += hours.Keys.Count(h => p.Contains(h)) > 1 ? 1 : 0;
            day.Close();
            allTime.Merge(day);
        }

        Assert.True(multiHourDays > 100);
        var direct = new MetricsAccumulator(AllTime, SyntheticHistory.StartingCapital);
        foreach (var m in History.Marks.Where(m => m.Time < end))
        {
            direct.AddMark(m);
        }

        foreach (var t in History.Trades.Where(t => t.ExitTime < end))
        {
            direct.AddTrade(t);
        }

        MetricsAssert.Equivalent(direct.ToSnapshot(), allTime.ToSnapshot(), Tolerance, "all_time from hours");

        // Hours straight into all_time (skipping days) give the same figures: days split across hours are re-joined.
        var fromHours = new MetricsAccumulator(AllTime, SyntheticHistory.StartingCapital);
        foreach (var hour in hours.Values)
        {
            fromHours.Merge(hour);
        }

        MetricsAssert.Equivalent(direct.ToSnapshot(), fromHours.ToSnapshot(), Tolerance, "all_time straight from hours");
    }

    [Fact]
    public void The_comparison_notices_a_difference_beyond_the_tolerance()
    {
        var s = History.Direct(BucketPeriod.For(BucketLevel.Yearly, new DateTimeOffset(2003, 1, 1, 0, 0, 0, TimeSpan.Zero)), null).ToSnapshot();
        MetricsAssert.Equivalent(s, s with { Sharpe = s.Sharpe * (1 + 1e-10) }, Tolerance);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MetricsAssert.Equivalent(s, s with { Sharpe = s.Sharpe * (1 + 1e-8) }, Tolerance));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MetricsAssert.Equivalent(s, s with { Calmar = null }, Tolerance));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MetricsAssert.Equivalent(s, s with { Wins = s.Wins + 1 }, Tolerance));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => MetricsAssert.Equivalent(s, s with { DailyReturnMoments = s.DailyReturnMoments with { M2 = s.DailyReturnMoments.M2 * 1.001 } }, Tolerance));
    }

    private static List<MetricsAccumulator> RollUp(IEnumerable<MetricsAccumulator> children, Func<BucketPeriod, MetricsAccumulator> create)
    {
        var parents = new Dictionary<BucketPeriod, MetricsAccumulator>();
        foreach (var child in children.OrderBy(c => c.Period.Start))
        {
            child.Close();
            var p = child.Period.Parents()[0];
            if (!parents.TryGetValue(p, out var parent))
            {
                parents[p] = parent = create(p);
            }

            parent.Merge(child);
        }

        return parents.Values.ToList();
    }
}
