using System.Text.Json;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

public sealed class BucketPeriodTests
{
    // 2024-12-31 13:45:30.5 at +02:00 = 11:45:30.5 UTC, a Tuesday in ISO week 2025-W01 (which starts Monday 2024-12-30).
    private static readonly DateTimeOffset Time = new(2024, 12, 31, 13, 45, 30, 500, TimeSpan.FromHours(2));

    [Theory]
    [InlineData(BucketLevel.Trade, "2024-12-31T11:45:30.5000000Z", "2024-12-31T11:45:30.5000001Z", "trade:2024-12-31T11:45:30.5000000Z")]
    [InlineData(BucketLevel.Hourly, "2024-12-31T11:00:00Z", "2024-12-31T12:00:00Z", "hourly:2024-12-31T11")]
    [InlineData(BucketLevel.Daily, "2024-12-31T00:00:00Z", "2025-01-01T00:00:00Z", "daily:2024-12-31")]
    [InlineData(BucketLevel.Weekly, "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z", "weekly:2025-W01")]
    [InlineData(BucketLevel.Monthly, "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z", "monthly:2024-12")]
    [InlineData(BucketLevel.Quarterly, "2024-10-01T00:00:00Z", "2025-01-01T00:00:00Z", "quarterly:2024-Q4")]
    [InlineData(BucketLevel.Yearly, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "yearly:2024")]
    [InlineData(BucketLevel.AllTime, "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "all_time")]
    public void For_aligns_to_UTC_boundaries_and_round_trips_its_canonical_string(BucketLevel level, string start, string end, string canonical)
    {
        var p = BucketPeriod.For(level, Time);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(TimeSpan.Zero, p.Start.Offset);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
        Assert.True(p.Contains(Time));
        Assert.Equal(canonical, p.ToString());
        Assert.Equal(p, BucketPeriod.Parse(canonical));
        Assert.Equal(p, JsonSerializer.Deserialize<BucketPeriod>(JsonSerializer.Serialize(p)));
    }

    [Fact]
    public void Parents_follow_the_roll_up_graph_and_contain_the_child()
    {
        var day = BucketPeriod.For(BucketLevel.Daily, Time);
        Assert.Equal([BucketPeriod.For(BucketLevel.Weekly, Time), BucketPeriod.For(BucketLevel.Monthly, Time)], day.Parents());
        Assert.Empty(BucketPeriod.For(BucketLevel.Weekly, Time).Parents());
        Assert.Empty(BucketPeriod.For(BucketLevel.AllTime, Time).Parents());

        foreach (BucketLevel level in Enum.GetValues<BucketLevel>())
        {
            var child = BucketPeriod.For(level, Time);
            foreach (var parent in child.Parents())
            {
                Assert.True(parent.Level > child.Level);
                Assert.True(parent.Contains(child), $"{parent} should contain {child}");
            }
        }

        // A week can straddle two months, which is why weekly is not a parent of monthly.
        var week = BucketPeriod.For(BucketLevel.Weekly, Time);
        Assert.False(BucketPeriod.For(BucketLevel.Monthly, Time).Contains(week));
    }

    [Theory]
    [InlineData("daily:2024-12-31T00")]
    [InlineData("daily:2024-2-05")]
    [InlineData("weekly:2024-W53")]   // 2024 has 52 ISO weeks
    [InlineData("weekly:2024-W00")]
    [InlineData("quarterly:2024-Q5")]
    [InlineData("monthly:2024-13")]
    [InlineData("all_time:2024")]
    [InlineData("Daily:2024-12-31")]
    [InlineData("fortnightly:2024-12-31")]
    [InlineData("")]
    public void Non_canonical_strings_are_rejected(string text)
    {
        Assert.False(BucketPeriod.TryParse(text, out _));
        Assert.Throws<FormatException>(() => BucketPeriod.Parse(text));
    }

    [Fact]
    public void Iso_week_53_parses()
    {
        var p = BucketPeriod.Parse("weekly:2020-W53");
        Assert.Equal(new DateTimeOffset(2020, 12, 28, 0, 0, 0, TimeSpan.Zero), p.Start);
    }

    [Fact]
    public void The_constructor_rejects_unaligned_starts()
    {
        Assert.Throws<ArgumentException>(() => new BucketPeriod(BucketLevel.Daily, new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentException>(() => new BucketPeriod(BucketLevel.Weekly, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        // Midnight at +01:00 is 23:00 UTC the day before: not a UTC day start.
        Assert.Throws<ArgumentException>(() => new BucketPeriod(BucketLevel.Daily, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.FromHours(1))));
        Assert.Equal(BucketLevel.Weekly, new BucketPeriod(BucketLevel.Weekly, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)).Level);
    }
}
