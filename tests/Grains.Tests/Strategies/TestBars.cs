using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Strategies;

/// <summary>Builds daily bars for strategy tests and runs strategies over them.</summary>
internal static class TestBars
{
    public static readonly InstrumentId Instrument = InstrumentId.Parse("TEST");

    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Bars whose open, high, low and close all equal the given close.</summary>
    public static Bar[] FromCloses(params double[] closes) =>
        closes.Select((c, i) => At(i, c, c, c)).ToArray();

    /// <summary>Bars from (high, low, close) triples; open = close.</summary>
    public static Bar[] FromHighLowClose(params (double High, double Low, double Close)[] bars) =>
        bars.Select((b, i) => At(i, b.High, b.Low, b.Close)).ToArray();

    public static Bar At(int index, double high, double low, double close) =>
        Bar.Create(Instrument, Timeframe.OneDay, Start.AddDays(index), (decimal)close, (decimal)high, (decimal)low, (decimal)close, 1000m);

    /// <summary>A seeded random walk of bars (close around 100, high/low around the close).</summary>
    public static Bar[] RandomWalk(int seed, int count, int firstIndex = 0, double startClose = 100)
    {
        var random = new Random(seed);
        var close = startClose;
        var bars = new Bar[count];
        for (var i = 0; i < count; i++)
        {
            close = Math.Max(1, close * (1 + ((random.NextDouble() - 0.5) * 0.06)));
            close = Math.Round(close, 2);
            var high = Math.Round(close * (1 + (random.NextDouble() * 0.02)), 2);
            var low = Math.Round(close * (1 - (random.NextDouble() * 0.02)), 2);
            bars[i] = At(firstIndex + i, high, low, close);
        }

        return bars;
    }

    public static TargetPosition[] Run(Strategy strategy, IEnumerable<Bar> bars) => bars.Select(strategy.OnBar).ToArray();
}
