using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>
/// A deterministic (seeded) trading history: weekdays with one to four bar-close marks at different hours
/// (sometimes two in one hour), about 2 % of weekdays without data, trades on about 40 % of days (a few on
/// weekends without marks), some breakeven trades, and equity rounded to cents.
/// </summary>
internal sealed class SyntheticHistory
{
    public const decimal StartingCapital = 100_000m;

    private SyntheticHistory(List<ClosedTrade> trades, List<EquityMark> marks)
    {
        Trades = trades;
        Marks = marks;
    }

    public IReadOnlyList<ClosedTrade> Trades { get; }

    public IReadOnlyList<EquityMark> Marks { get; }

    public static SyntheticHistory Generate(int tradingDays, int seed)
    {
        var rng = new Random(seed);
        var trades = new List<ClosedTrade>();
        var marks = new List<EquityMark>();
        decimal equity = StartingCapital;
        var day = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int[] hours = [14, 15, 17, 20];
        for (int done = 0; done < tradingDays; day = day.AddDays(1))
        {
            bool weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (weekend)
            {
                if (rng.NextDouble() < 0.05)
                {
                    trades.Add(RandomTrade(rng, day.AddHours(11).AddMinutes(rng.Next(60))));
                }

                continue;
            }

            done++;
            if (rng.NextDouble() < 0.02)
            {
                continue; // a holiday: no marks, no trades
            }

            int count = rng.Next(1, 5);
            var times = new List<DateTimeOffset>();
            for (int i = 0; i < count; i++)
            {
                times.Add(day.AddHours(hours[i]).AddMinutes(rng.Next(0, 2) * 30));
            }

            if (rng.NextDouble() < 0.1)
            {
                times.Add(times[^1].AddMinutes(10)); // two marks within one hour
            }

            foreach (var t in times)
            {
                double shock = 0.0004 + (0.01 * Gaussian(rng) / Math.Sqrt(times.Count));
                equity = Math.Round(equity * (decimal)(1.0 + shock), 2);
                marks.Add(new EquityMark(t, equity, rng.NextDouble() < 0.6));
            }

            if (rng.NextDouble() < 0.4)
            {
                trades.Add(RandomTrade(rng, times[rng.Next(times.Count)]));
            }
        }

        // Generated day by day, so already in exit order; the sort keeps MarksIn/TradesIn's binary search safe if that changes.
        return new SyntheticHistory([.. trades.OrderBy(t => t.ExitTime)], marks);
    }

    private static ClosedTrade RandomTrade(Random rng, DateTimeOffset exit)
    {
        decimal pnl = rng.NextDouble() < 0.05 ? 0m : Math.Round((decimal)(5.0 + (150.0 * Gaussian(rng))), 2);
        decimal fees = Math.Round((decimal)(rng.NextDouble() * 3.0), 2);
        return new ClosedTrade(exit.AddMinutes(-rng.Next(1, 60 * 24 * 5)), exit, pnl, fees, (double)pnl / 10_000.0);
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Equity just before <paramref name="time"/>: the last mark earlier than it, or the starting capital.</summary>
    public decimal EquityBefore(DateTimeOffset time)
    {
        int i = FirstAtOrAfter(Marks, m => m.Time, time);
        return i == 0 ? StartingCapital : Marks[i - 1].Equity;
    }

    /// <summary>The marks inside <paramref name="period"/>, in time order (binary search: both lists are time-ordered).</summary>
    public IEnumerable<EquityMark> MarksIn(BucketPeriod period) => Slice(Marks, m => m.Time, period);

    /// <summary>The trades whose exit lies inside <paramref name="period"/>.</summary>
    public IEnumerable<ClosedTrade> TradesIn(BucketPeriod period) => Slice(Trades, t => t.ExitTime, period);

    /// <summary>A bucket fed directly with every event inside <paramref name="period"/>.</summary>
    public MetricsAccumulator Direct(BucketPeriod period, decimal? opening)
    {
        var acc = new MetricsAccumulator(period, opening);
        foreach (var m in MarksIn(period))
        {
            acc.AddMark(m);
        }

        foreach (var t in TradesIn(period))
        {
            acc.AddTrade(t);
        }

        return acc;
    }

    private static IEnumerable<T> Slice<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> time, BucketPeriod period)
    {
        int from = period.Level == BucketLevel.AllTime ? 0 : FirstAtOrAfter(items, time, period.Start);
        int to = period.Level == BucketLevel.AllTime ? items.Count : FirstAtOrAfter(items, time, period.End);
        for (int i = from; i < to; i++)
        {
            yield return items[i];
        }
    }

    private static int FirstAtOrAfter<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> time, DateTimeOffset t)
    {
        int lo = 0;
        int hi = items.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (time(items[mid]) < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
