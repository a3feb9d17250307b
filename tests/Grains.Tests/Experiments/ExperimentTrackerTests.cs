using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Experiments;

namespace TradingRobotPlug.Grains.Tests.Experiments;

/// <summary>The tracker turns two arms' equity marks into paired daily returns, matching a batch computation.</summary>
public sealed class ExperimentTrackerTests
{
    private static readonly StrategyId Control = StrategyId.Parse("exp-c");
    private static readonly StrategyId Treatment = StrategyId.Parse("exp-t");

    /// <summary>Two random walks of daily closes (bars closing at 00:00 UTC) plus some intraday marks, fed at different paces.</summary>
    [Fact]
    public void Equity_series_fed_out_of_step_match_the_batch_reference()
    {
        var random = new Random(7);
        var c = new List<(DateTimeOffset, decimal)>();
        var t = new List<(DateTimeOffset, decimal)>();
        decimal ec = 100_000m, et = 50_000m;
        var day = new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 120; i++)
        {
            day = day.AddDays(day.DayOfWeek == DayOfWeek.Friday ? 3 : 1);
            // an intraday mark first on some days (10:00), then the day's last mark (15:59, the last minute bar's label)
            if (i % 5 == 0)
            {
                c.Add((day.AddHours(10), ec * 1.001m));
                t.Add((day.AddHours(10), et * 0.999m));
            }

            ec = Math.Round(ec * (1m + (decimal)(0.02 * (random.NextDouble() - 0.48))), 2);
            et = Math.Round(et * (1m + (decimal)(0.015 * (random.NextDouble() - 0.47))), 2);
            c.Add((day.AddHours(15).AddMinutes(59), ec));
            t.Add((day.AddHours(15).AddMinutes(59), et));
        }

        var tracker = new ExperimentTracker(Control, 100_000m, Treatment, 50_000m);
        // the treatment runs 30 marks ahead, then the control catches up in batches of 7; repeats are ignored
        tracker.Add(true, t.Take(30).Select(Point));
        for (int i = 0; i < c.Count; i += 7)
        {
            tracker.Add(false, c.Skip(i).Take(7).Select(Point));
            tracker.Add(true, t.Skip(Math.Max(0, i - 3)).Take(40).Select(Point));
        }

        tracker.Add(true, t.Select(Point));
        tracker.CloseOpenDays();
        var result = tracker.Result();
        var r = ExperimentReference.FromEquity(c, 100_000m, t, 50_000m);

        Assert.Equal(120, r.N);
        Assert.Equal(r.N, result.Days);
        Assert.Equal(0, result.UnpairedDays);
        Assert.Equal(new DateOnly(2020, 1, 3), result.FirstDate);
        Assert.Equal(r.MeanDifference!.Value, result.MeanDifference!.Value, 14);
        Assert.Equal(r.CiLow!.Value, result.CiLow!.Value, 12);
        Assert.Equal(r.CiHigh!.Value, result.CiHigh!.Value, 12);
        Assert.Equal(r.T!.Value, result.T!.Value, 9);
        Assert.Equal(r.P!.Value, result.PValue!.Value, 9);
        Assert.Equal(r.Z!.Value, result.SharpeDifferenceZ!.Value, 9);
        Assert.Equal(r.ZP!.Value, result.SharpeDifferenceP!.Value, 9);
        Assert.Equal(r.DaysNeeded, result.DaysNeeded);
        Assert.Equal(r.DailySharpeControl!.Value, result.Control.DailySharpe!.Value, 12);
        Assert.Equal(r.DailySharpeTreatment!.Value * Math.Sqrt(252), result.Treatment.Sharpe!.Value, 10);
        Assert.Equal((double)(ec / 100_000m - 1m), result.Control.TotalReturn!.Value, 15);
        Assert.Equal((double)(et / 50_000m - 1m), result.Treatment.TotalReturn!.Value, 15);

        double peak = 50_000, mdd = 0;
        foreach (var close in t.GroupBy(p => p.Item1.UtcDateTime.Date).Select(g => (double)g.Last().Item2))
        {
            peak = Math.Max(peak, close);
            mdd = Math.Max(mdd, 1 - close / peak);
        }

        Assert.Equal(mdd, result.Treatment.MaxDrawdown!.Value, 12);
    }

    [Fact]
    public void A_date_enters_only_when_both_arms_closed_it()
    {
        var tracker = new ExperimentTracker(Control, 100m, Treatment, 100m);
        var d1 = new DateTimeOffset(2021, 3, 2, 0, 0, 0, TimeSpan.Zero); // the mark of trading date 2021-03-02
        tracker.Add(false, [new EquityPoint(d1, 101m), new EquityPoint(d1.AddDays(1), 102m)]);
        Assert.Equal(0, tracker.Result().Days); // the treatment has no marks yet

        tracker.Add(true, [new EquityPoint(d1, 99m)]);
        Assert.Equal(0, tracker.Result().Days); // the treatment's 2021-03-02 is still open

        tracker.Add(true, [new EquityPoint(d1.AddDays(1), 98m)]);
        var result = tracker.Result();
        Assert.Equal(1, result.Days);
        Assert.Equal(new DateOnly(2021, 3, 2), result.LastDate);
        Assert.Equal(-0.02, result.MeanDifference!.Value, 15); // −1 % − (+1 %)
        Assert.Null(result.T);
        Assert.Null(result.Control.Sharpe);
        Assert.Equal(0.01, result.Control.TotalReturn!.Value, 15);
        Assert.Equal(0.01, result.Treatment.MaxDrawdown!.Value, 15);

        tracker.CloseOpenDays();
        Assert.Equal(2, tracker.Result().Days);
    }

    [Fact]
    public void A_date_only_one_arm_has_is_dropped_and_counted()
    {
        var tracker = new ExperimentTracker(Control, 100m, Treatment, 100m);
        var d = new DateTimeOffset(2021, 3, 2, 0, 0, 0, TimeSpan.Zero);
        tracker.Add(false, [new EquityPoint(d, 101m), new EquityPoint(d.AddDays(1), 102m), new EquityPoint(d.AddDays(2), 103m)]);
        tracker.Add(true, [new EquityPoint(d, 100m), new EquityPoint(d.AddDays(2), 104m)]);
        tracker.CloseOpenDays();

        var result = tracker.Result();
        Assert.Equal(2, result.Days);
        Assert.Equal(1, result.UnpairedDays);
        // the second paired return spans the dropped date for both arms: 103/101 − 1 and 104/100 − 1
        Assert.Equal(((0.04 - (double)(103m / 101m - 1m)) + (0.0 - 0.01)) / 2, result.MeanDifference!.Value, 15);
    }

    private static EquityPoint Point((DateTimeOffset Time, decimal Equity) p) => new(p.Time, p.Equity);
}
