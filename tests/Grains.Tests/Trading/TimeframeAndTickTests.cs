using TradingRobotPlug.GrainInterfaces.Market;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class TimeframeAndTickTests
{
    [Theory]
    [InlineData("1m", Timeframe.OneMinute, 1)]
    [InlineData("5m", Timeframe.FiveMinutes, 5)]
    [InlineData("15m", Timeframe.FifteenMinutes, 15)]
    [InlineData("1h", Timeframe.OneHour, 60)]
    [InlineData(" 1d ", Timeframe.OneDay, 1440)]
    public void Timeframe_text_round_trips(string text, Timeframe expected, int minutes)
    {
        Assert.Equal(expected, TimeframeExtensions.Parse(text));
        Assert.Equal(text.Trim(), expected.ToText());
        Assert.Equal(TimeSpan.FromMinutes(minutes), expected.Duration());
    }

    [Theory]
    [InlineData("1M")]
    [InlineData("2m")]
    [InlineData("")]
    [InlineData("1 d")]
    [InlineData("60")]
    public void Timeframe_parse_rejects_other_text(string text)
    {
        Assert.False(TimeframeExtensions.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => TimeframeExtensions.Parse(text));
        Assert.Contains("1m, 5m, 15m, 1h, 1d", ex.Message);
    }

    [Fact]
    public void Undefined_timeframe_value_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Timeframe)7).ToText());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Timeframe)7).Duration());
    }

    [Fact]
    public void Bar_open_time_floors_to_utc_boundaries()
    {
        var t = new DateTimeOffset(2024, 3, 5, 13, 47, 12, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 13, 47, 0, TimeSpan.Zero), Timeframe.OneMinute.BarOpenTime(t));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 13, 45, 0, TimeSpan.Zero), Timeframe.FiveMinutes.BarOpenTime(t));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 13, 45, 0, TimeSpan.Zero), Timeframe.FifteenMinutes.BarOpenTime(t));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 13, 0, 0, TimeSpan.Zero), Timeframe.OneHour.BarOpenTime(t));
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), Timeframe.OneDay.BarOpenTime(t));

        // A boundary opens a new bar.
        var boundary = new DateTimeOffset(2024, 3, 5, 13, 45, 0, TimeSpan.Zero);
        Assert.Equal(boundary, Timeframe.FifteenMinutes.BarOpenTime(boundary));

        // 01:30 at +02:00 is 23:30 UTC the day before.
        var local = new DateTimeOffset(2024, 3, 5, 1, 30, 0, TimeSpan.FromHours(2));
        var dayBar = Timeframe.OneDay.BarOpenTime(local);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), dayBar);
        Assert.Equal(TimeSpan.Zero, dayBar.Offset);

        // Before the epoch the floor still goes down.
        Assert.Equal(
            new DateTimeOffset(1969, 12, 31, 23, 59, 0, TimeSpan.Zero),
            Timeframe.OneMinute.BarOpenTime(new DateTimeOffset(1969, 12, 31, 23, 59, 30, TimeSpan.Zero)));
    }

    [Fact]
    public void Bar_close_time_is_open_plus_duration()
        => Assert.Equal(Day(1), DailyBar(0, 1m, 1m, 1m, 1m).CloseTime);

    [Fact]
    public void Tick_from_doubles_rejects_nan_and_infinity_naming_the_field()
    {
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), double.NaN, 1.0)).ParamName);
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), double.PositiveInfinity, 1.0)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 1.0, double.NegativeInfinity)).ParamName);
        Assert.Equal("bid", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 1.0, 1.0, double.NaN, 2.0)).ParamName);
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 1e300, 1.0)).ParamName);
        Assert.Equal(100.25m, Tick.Create(Spx, Day(0), 100.25, 3.0).Price);
    }

    [Fact]
    public void Tick_checks_prices_size_and_spread()
    {
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 0m, 1m)).ParamName);
        Assert.Equal("price", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), -1m, 1m)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 1m, -1m)).ParamName);
        Assert.Equal("bid", Assert.Throws<ArgumentException>(() => Tick.Create(Spx, Day(0), 1m, 1m, 1.1m, 1.0m)).ParamName);
        Assert.Equal("instrument", Assert.Throws<ArgumentException>(() => Tick.Create(default, Day(0), 1m, 1m)).ParamName);

        var tick = Tick.Create(Spx, new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.FromHours(-5)), 10m, 0m);
        Assert.Equal(TimeSpan.Zero, tick.Time.Offset);
        Assert.Equal(17, tick.Time.Hour);
        Assert.Null(tick.Bid);
    }
}
