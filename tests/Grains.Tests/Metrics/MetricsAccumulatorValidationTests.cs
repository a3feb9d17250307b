using System.Text.Json;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>Closing, input validation, merge rules and JSON persistence.</summary>
public sealed class MetricsAccumulatorValidationTests
{
    private static readonly DateTimeOffset Monday = new(2024, 5, 6, 0, 0, 0, TimeSpan.Zero);

    private static MetricsAccumulator Daily(DateTimeOffset day, decimal? opening = 100m) =>
        new(BucketPeriod.For(BucketLevel.Daily, day), opening);

    [Fact]
    public void A_closed_bucket_rejects_every_update_but_can_still_be_merged_from()
    {
        var child = Daily(Monday);
        child.AddMark(new EquityMark(Monday.AddHours(10), 101m, true));
        child.Close();
        child.Close(); // idempotent

        Assert.True(child.IsClosed);
        Assert.Throws<InvalidOperationException>(() => child.AddMark(new EquityMark(Monday.AddHours(11), 102m, true)));
        Assert.Throws<InvalidOperationException>(() => child.AddTrade(new ClosedTrade(Monday, Monday.AddHours(11), 1m, 0m, 0.01)));
        Assert.Throws<InvalidOperationException>(() => child.Merge(new MetricsAccumulator(BucketPeriod.For(BucketLevel.Hourly, Monday), 100m)));

        var week = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Weekly, Monday), 100m);
        week.Merge(child);
        Assert.Equal(101m, week.ToSnapshot().EndEquity);
        Assert.True(child.ToSnapshot().IsClosed);
    }

    [Fact]
    public void Inputs_are_validated()
    {
        var acc = Daily(Monday);
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddMark(new EquityMark(Monday.AddDays(1), 100m, false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddMark(new EquityMark(Monday.AddHours(1), 0m, false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddTrade(new ClosedTrade(Monday, Monday.AddDays(-1).AddHours(1), 1m, 0m, 0)));
        Assert.Throws<ArgumentException>(() => acc.AddTrade(new ClosedTrade(Monday.AddHours(2), Monday.AddHours(1), 1m, 0m, 0)));
        Assert.Throws<ArgumentException>(() => acc.AddTrade(new ClosedTrade(Monday, Monday.AddHours(1), 1m, -1m, 0)));
        Assert.Throws<ArgumentException>(() => acc.AddTrade(new ClosedTrade(Monday, Monday.AddHours(1), 1m, 0m, double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MetricsAccumulator(BucketPeriod.For(BucketLevel.Daily, Monday), -1m));

        Assert.Equal(100m, acc.ClosingEquity);     // the opening equity until a mark arrives
        acc.AddMark(new EquityMark(Monday.AddHours(2), 101m, false));
        Assert.Equal(101m, acc.ClosingEquity);
        Assert.Equal(Monday.AddHours(2), acc.LastMarkTime);
        Assert.Throws<ArgumentException>(() => acc.AddMark(new EquityMark(Monday.AddHours(2), 100m, false)));
        Assert.Throws<ArgumentException>(() => acc.AddMark(new EquityMark(Monday.AddHours(1), 100m, false)));
        Assert.Equal(1, acc.ToSnapshot().Marks);
    }

    [Fact]
    public void Merge_rules_are_checked()
    {
        var month = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Monthly, Monday), 100m);
        var tuesday = Daily(Monday.AddDays(1));
        tuesday.AddMark(new EquityMark(Monday.AddDays(1).AddHours(20), 105m, true));

        // Not finer / not inside.
        Assert.Throws<ArgumentException>(() => month.Merge(month));
        Assert.Throws<ArgumentException>(() => tuesday.Merge(month));
        var nextMonth = Daily(Monday.AddMonths(1));
        Assert.Throws<ArgumentException>(() => month.Merge(nextMonth));

        month.Merge(tuesday);

        // Out of order: Monday's mark precedes Tuesday's.
        var monday = Daily(Monday);
        monday.AddMark(new EquityMark(Monday.AddHours(20), 101m, true));
        Assert.Throws<ArgumentException>(() => month.Merge(monday));
        // Merged twice.
        Assert.Throws<ArgumentException>(() => month.Merge(tuesday));
        // Wrong opening equity: the month stands at 105.
        var wednesday = Daily(Monday.AddDays(2), 104m);
        wednesday.AddMark(new EquityMark(Monday.AddDays(2).AddHours(20), 106m, true));
        Assert.Throws<ArgumentException>(() => month.Merge(wednesday));

        Assert.Equal(1, month.ToSnapshot().Marks);
    }

    [Fact]
    public void State_round_trips_through_System_Text_Json_and_keeps_accumulating()
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Monthly, Monday), 1_000m);
        decimal equity = 1_000m;
        for (int i = 0; i < 40; i++)
        {
            var t = Monday.AddHours(7 * i);
            equity += i % 3 == 0 ? -7.25m : 5.5m;
            acc.AddMark(new EquityMark(t, equity, i % 2 == 0));
            if (i % 4 == 0)
            {
                acc.AddTrade(new ClosedTrade(t.AddHours(-3), t, i % 8 == 0 ? -12m : 20m, 0.5m, 0.001 * i));
            }
        }

        string json = JsonSerializer.Serialize(acc.State);
        var restored = new MetricsAccumulator(JsonSerializer.Deserialize<MetricsState>(json)!);

        Assert.Equal(acc.ToSnapshot(), restored.ToSnapshot());
        Assert.Equal(json, JsonSerializer.Serialize(restored.State));

        var next = new EquityMark(Monday.AddDays(13), 1_010m, true);
        acc.AddMark(next);
        restored.AddMark(next);
        acc.Close();
        restored.Close();
        Assert.Equal(acc.ToSnapshot(), restored.ToSnapshot());
        Assert.True(new MetricsAccumulator(JsonSerializer.Deserialize<MetricsState>(JsonSerializer.Serialize(restored.State))!).IsClosed);
    }

    [Fact]
    public void Reopen_gives_the_state_of_a_new_accumulator()
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Monthly, Monday), 1_000m);
        decimal equity = 1_000m;
        for (int i = 0; i < 40; i++)
        {
            var t = Monday.AddHours(7 * i);
            equity += i % 3 == 0 ? -7.25m : 5.5m;
            acc.AddMark(new EquityMark(t, equity, i % 2 == 0));
            if (i % 4 == 0)
            {
                acc.AddTrade(new ClosedTrade(t.AddHours(-3), t, i % 8 == 0 ? -12m : 20m, 0.5m, 0.001 * i));
            }
        }

        acc.Close();
        var nextMonth = BucketPeriod.For(BucketLevel.Monthly, Monday.AddMonths(1));
        acc.Reopen(nextMonth, equity);
        var fresh = new MetricsAccumulator(nextMonth, equity);
        Assert.Equal(JsonSerializer.Serialize(fresh.State), JsonSerializer.Serialize(acc.State));

        var mark = new EquityMark(nextMonth.Start.AddHours(9), equity - 3m, true);
        acc.AddMark(mark);
        fresh.AddMark(mark);
        Assert.Equal(fresh.ToSnapshot(), acc.ToSnapshot());
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.AddMark(new EquityMark(Monday.AddDays(60).AddHours(1), 1m, false)));
    }

    [Fact]
    public void Clone_is_independent()
    {
        var acc = Daily(Monday);
        acc.AddMark(new EquityMark(Monday.AddHours(1), 100m, false));
        var copy = acc.Clone();
        copy.AddMark(new EquityMark(Monday.AddHours(2), 90m, false));
        copy.Close();

        Assert.False(acc.IsClosed);
        Assert.Equal(1, acc.ToSnapshot().Marks);
        Assert.Equal(2, copy.ToSnapshot().Marks);
    }
}
