using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Replays a bar as four ticks, the usual OHLC path assumption of bar backtests:
/// <list type="number">
/// <item>open, at <see cref="Bar.OpenTime"/>;</item>
/// <item>the extreme nearer to the open: the high first when |high − open| ≤ |open − low| (so a tie goes to the high
/// first), otherwise the low first; at open time + ¼ of the timeframe;</item>
/// <item>the other extreme, at + ½;</item>
/// <item>close, at + ¾.</item>
/// </list>
/// All four times lie inside [open time, close time), so <see cref="BarAggregator"/> rebuilds the same bar from them.
/// Each tick's size is volume ÷ 4, the close tick taking the remainder so that the sizes add up to the volume exactly.
/// Prices may repeat (e.g. open = high). No bid/ask.
/// </summary>
public static class BarTickDecomposer
{
    /// <summary>The four ticks of <paramref name="bar"/>, in time order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The bar's timeframe is not defined.</exception>
    public static IReadOnlyList<Tick> Decompose(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        TimeSpan quarter = bar.Timeframe.Duration() / 4;
        bool highFirst = Math.Abs(bar.High - bar.Open) <= Math.Abs(bar.Open - bar.Low);
        decimal size = bar.Volume / 4m;
        decimal lastSize = bar.Volume - (3m * size);
        return
        [
            new Tick(bar.Instrument, bar.OpenTime, bar.Open, size),
            new Tick(bar.Instrument, bar.OpenTime + quarter, highFirst ? bar.High : bar.Low, size),
            new Tick(bar.Instrument, bar.OpenTime + (2 * quarter), highFirst ? bar.Low : bar.High, size),
            new Tick(bar.Instrument, bar.OpenTime + (3 * quarter), bar.Close, lastSize),
        ];
    }
}
