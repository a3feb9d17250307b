using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Tests.MarketData;

public sealed class BarAggregatorTests
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");

    private static DateTimeOffset At(int hour, int minute, int second = 0, int ms = 0) => new(2024, 3, 5, hour, minute, second, ms, TimeSpan.Zero);

    private static Tick T(DateTimeOffset time, decimal price, decimal size = 1m) => Tick.Create(Spx, time, price, size);

    [Fact]
    public void Emits_the_bar_when_a_tick_crosses_the_boundary()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.OneMinute);
        Assert.Null(aggregator.Add(T(At(9, 30, 0), 100m, 2m)));
        Assert.Null(aggregator.Add(T(At(9, 30, 20), 101m, 3m)));
        Assert.Null(aggregator.Add(T(At(9, 30, 59, 999), 99m, 5m)));
        Assert.Equal(new Bar(Spx, Timeframe.OneMinute, At(9, 30), 100m, 101m, 99m, 99m, 10m), aggregator.Current);

        // Exactly on the boundary: belongs to the new bar and finishes the old one.
        var finished = aggregator.Add(T(At(9, 31, 0), 102m));
        Assert.Equal(new Bar(Spx, Timeframe.OneMinute, At(9, 30), 100m, 101m, 99m, 99m, 10m), finished);
        Assert.Equal(new Bar(Spx, Timeframe.OneMinute, At(9, 31), 102m, 102m, 102m, 102m, 1m), aggregator.Current);
    }

    [Fact]
    public void Gaps_produce_no_empty_bars()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.FiveMinutes);
        aggregator.Add(T(At(9, 31), 100m));
        var finished = aggregator.Add(T(At(9, 52, 10), 104m));
        Assert.Equal(At(9, 30), finished!.OpenTime);
        Assert.Equal(At(9, 50), aggregator.Current!.OpenTime);
    }

    [Fact]
    public void Close_if_due_finishes_on_the_clock_and_later_ticks_for_it_are_refused()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.OneMinute);
        aggregator.Add(T(At(9, 35, 10), 100m));
        Assert.Null(aggregator.CloseIfDue(At(9, 35, 59, 999)));
        var bar = aggregator.CloseIfDue(At(9, 36));
        Assert.Equal(At(9, 35), bar!.OpenTime);
        Assert.Null(aggregator.Current);
        Assert.Null(aggregator.CloseIfDue(At(9, 40)));

        var ex = Assert.Throws<ArgumentException>(() => aggregator.Add(T(At(9, 35, 30), 100m)));
        Assert.Contains("late", ex.Message);
        Assert.Null(aggregator.Add(T(At(9, 36), 100m)));
    }

    [Fact]
    public void Late_ticks_for_an_earlier_bar_are_refused_but_disorder_inside_a_bar_is_kept()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.OneMinute);
        aggregator.Add(T(At(9, 31, 30), 100m));
        aggregator.Add(T(At(9, 31, 10), 98m));
        Assert.Equal(98m, aggregator.Current!.Close); // arrival order
        Assert.Throws<ArgumentException>(() => aggregator.Add(T(At(9, 30, 59), 100m)));
        Assert.Equal(2m, aggregator.Current!.Volume);
    }

    [Fact]
    public void Daily_bars_align_to_utc_midnight()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.OneDay);
        // 01:00 at +02:00 is 23:00 UTC on the 4th.
        aggregator.Add(Tick.Create(Spx, new DateTimeOffset(2024, 3, 5, 1, 0, 0, TimeSpan.FromHours(2)), 10m, 1m));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), aggregator.Current!.OpenTime);
        var day = aggregator.Add(Tick.Create(Spx, new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), 11m, 1m));
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), day!.OpenTime);
    }

    [Fact]
    public void Flush_and_wrong_instrument()
    {
        var aggregator = new BarAggregator(Spx, Timeframe.OneHour);
        Assert.Null(aggregator.Flush());
        aggregator.Add(T(At(9, 10), 5m));
        Assert.Equal(At(9, 0), aggregator.Flush()!.OpenTime);
        Assert.Null(aggregator.Current);
        Assert.Throws<ArgumentException>(() => aggregator.Add(Tick.Create(InstrumentId.Parse("AAPL"), At(10, 0), 1m, 1m)));
    }
}
