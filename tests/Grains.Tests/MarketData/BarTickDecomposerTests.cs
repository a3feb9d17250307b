using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Tests.MarketData;

public sealed class BarTickDecomposerTests
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private static readonly DateTimeOffset TenOClock = new(2024, 3, 5, 10, 0, 0, TimeSpan.Zero);

    private static Bar HourBar(decimal open, decimal high, decimal low, decimal close, decimal volume = 10m)
        => Bar.Create(Spx, Timeframe.OneHour, TenOClock, open, high, low, close, volume);

    [Fact]
    public void Low_first_when_the_low_is_nearer_to_the_open()
    {
        // |110 − 100| = 10 > |100 − 95| = 5
        var ticks = BarTickDecomposer.Decompose(HourBar(100m, 110m, 95m, 105m));
        Assert.Equal([100m, 95m, 110m, 105m], ticks.Select(t => t.Price));
        Assert.Equal(
            [TenOClock, TenOClock.AddMinutes(15), TenOClock.AddMinutes(30), TenOClock.AddMinutes(45)],
            ticks.Select(t => t.Time));
    }

    [Fact]
    public void High_first_when_the_high_is_nearer_or_equally_near()
    {
        Assert.Equal([100m, 103m, 95m, 99m], BarTickDecomposer.Decompose(HourBar(100m, 103m, 95m, 99m)).Select(t => t.Price));
        // Tie: |105 − 100| = |100 − 95|, high first.
        Assert.Equal([100m, 105m, 95m, 101m], BarTickDecomposer.Decompose(HourBar(100m, 105m, 95m, 101m)).Select(t => t.Price));
        // Open at the high: distance 0, high first (a repeated price).
        Assert.Equal([105m, 105m, 95m, 101m], BarTickDecomposer.Decompose(HourBar(105m, 105m, 95m, 101m)).Select(t => t.Price));
    }

    [Fact]
    public void Sizes_split_the_volume_exactly()
    {
        Assert.Equal([2.5m, 2.5m, 2.5m, 2.5m], BarTickDecomposer.Decompose(HourBar(100m, 101m, 99m, 100m, 10m)).Select(t => t.Size));
        Assert.Equal([0.25m, 0.25m, 0.25m, 0.25m], BarTickDecomposer.Decompose(HourBar(100m, 101m, 99m, 100m, 1m)).Select(t => t.Size));
        Assert.Equal(0m, BarTickDecomposer.Decompose(HourBar(100m, 101m, 99m, 100m, 0m)).Sum(t => t.Size));
    }

    [Fact]
    public void Daily_bar_ticks_stay_inside_the_day()
    {
        var day = Bar.Create(Spx, Timeframe.OneDay, new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), 10m, 11m, 9m, 10m, 4m);
        Assert.Equal([0, 6, 12, 18], BarTickDecomposer.Decompose(day).Select(t => t.Time.Hour));
    }

    [Fact]
    public void Aggregating_the_ticks_of_real_bars_gives_the_bars_back()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
        var bars = new OhlcvCsvReader(Spx).Read(path).Take(60).ToList();
        var aggregator = new BarAggregator(Spx, Timeframe.OneDay);
        var rebuilt = new List<Bar>();
        foreach (var tick in bars.SelectMany(BarTickDecomposer.Decompose))
        {
            if (aggregator.Add(tick) is { } bar)
            {
                rebuilt.Add(bar);
            }
        }

        rebuilt.Add(aggregator.Flush()!);
        Assert.Equal(bars, rebuilt);
    }
}
