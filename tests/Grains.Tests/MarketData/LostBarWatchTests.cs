using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Tests.MarketData;

/// <summary>
/// The catch-up policy of a running strategy: backfill after being behind at two checks in a row with no delivery in
/// between; after a premature backfill (its bars arrive late) wait twice as many quiet checks, up to 12.
/// </summary>
public sealed class LostBarWatchTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(int n) => T0.AddDays(n);

    /// <summary>Runs checks with the instrument at <paramref name="newest"/> and the strategy at <paramref name="seen"/>
    /// (no deliveries) until one asks for a backfill; returns how many checks that took (0 when none within 100).</summary>
    private static int ChecksUntilBackfill(LostBarWatch watch, DateTimeOffset newest, DateTimeOffset seen)
    {
        for (int i = 1; i <= 100; i++)
        {
            bool backfill = watch.Check(newest, seen);
            watch.Checked();
            if (backfill)
            {
                return i;
            }
        }

        return 0;
    }

    [Fact]
    public void Behind_at_two_checks_in_a_row_with_no_delivery_backfills_at_the_second()
    {
        var watch = new LostBarWatch();
        Assert.Equal(2, ChecksUntilBackfill(watch, Day(10), Day(7)));
        Assert.Equal(Day(10), watch.BackfilledThrough);
        Assert.Equal(1, watch.QuietChecksNeeded);
    }

    [Fact]
    public void Up_to_date_or_receiving_deliveries_never_backfills()
    {
        var watch = new LostBarWatch();
        Assert.Equal(0, ChecksUntilBackfill(watch, Day(10), Day(10)));
        Assert.Equal(0, ChecksUntilBackfill(new LostBarWatch(), Day(10), Day(12))); // ahead of the snapshot read
        var watch2 = new LostBarWatch();
        var noBars = new LostBarWatch();
        Assert.False(noBars.Check(null, null)); // an instrument without bars
        for (int i = 0; i < 50; i++)
        {
            watch2.Delivered(Day(i));
            Assert.False(watch2.Check(Day(100), Day(i)));
            watch2.Checked();
        }
    }

    [Fact]
    public void A_delivery_between_checks_restarts_the_count()
    {
        var watch = new LostBarWatch();
        Assert.False(watch.Check(Day(10), Day(7)));
        watch.Checked();
        watch.Delivered(null); // another timeframe's batch still shows the stream is alive
        Assert.False(watch.Check(Day(10), Day(7)));
        watch.Checked();
        Assert.True(watch.Check(Day(10), Day(7)));
    }

    [Fact]
    public void Deliveries_during_a_backfill_count_as_before_the_check()
    {
        var watch = new LostBarWatch();
        Assert.False(watch.Check(Day(10), Day(7)));
        watch.Checked();
        Assert.True(watch.Check(Day(10), Day(7)));
        watch.Delivered(Day(11)); // arrives while the grain backfills, before the check ends
        watch.Checked();
        Assert.True(watch.Check(Day(20), Day(11))); // so the next check is quiet, and behind again
    }

    [Fact]
    public void Late_bars_after_a_backfill_double_the_quiet_checks_needed_up_to_twelve()
    {
        var watch = new LostBarWatch();
        int[] expectedNeeded = [2, 4, 8, 12, 12];
        int seen = 0;
        foreach (int needed in expectedNeeded)
        {
            int checks = ChecksUntilBackfill(watch, Day(seen + 5), Day(seen));
            Assert.Equal(watch.QuietChecksNeeded + 1, checks);
            var through = watch.BackfilledThrough!.Value;
            // The stream then delivers bars the backfill was for: they were late, not lost.
            bool doubled = watch.Delivered(through.AddDays(-2));
            Assert.Equal(needed, watch.QuietChecksNeeded);
            Assert.Equal(needed != 12 || checks != 13, doubled);
            Assert.Null(watch.BackfilledThrough);
            seen += 10;
        }
    }

    [Fact]
    public void A_delivery_after_the_backfilled_bars_confirms_they_were_lost_and_changes_nothing()
    {
        var watch = new LostBarWatch();
        Assert.Equal(2, ChecksUntilBackfill(watch, Day(10), Day(7)));
        Assert.False(watch.Delivered(Day(11)));
        Assert.Equal(1, watch.QuietChecksNeeded);
        Assert.Null(watch.BackfilledThrough);
        Assert.False(watch.Delivered(Day(3))); // no backfill pending: an old bar changes nothing either
        Assert.Equal(1, watch.QuietChecksNeeded);
    }
}
