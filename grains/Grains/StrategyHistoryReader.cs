using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Reads an instrument's bar history from a start time to the newest bar through <see cref="IInstrumentGrain.GetBars"/>,
/// in pages. <c>GetBars</c> returns the newest bars of a range, so the pages are read newest first, each ending where
/// the previous one began, and returned oldest first.
/// </summary>
public static class StrategyHistoryReader
{
    /// <summary>Bars per <see cref="IInstrumentGrain.GetBars"/> call.</summary>
    public const int PageSize = 4_096;

    /// <summary>Every bar of <paramref name="timeframe"/> whose open time is at or after <paramref name="fromUtc"/>, oldest first.</summary>
    /// <param name="instrument">The instrument grain.</param>
    /// <param name="timeframe">The bars' timeframe.</param>
    /// <param name="fromUtc">Inclusive lower bound on the open time (UTC).</param>
    /// <param name="pageSize">Bars per call; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The instrument cannot provide <paramref name="timeframe"/> bars (from <c>GetBars</c>).</exception>
    public static async Task<List<Bar>> ReadAsync(IInstrumentGrain instrument, Timeframe timeframe, DateTimeOffset fromUtc, int pageSize = PageSize)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var pages = new List<IReadOnlyList<Bar>>();
        DateTimeOffset? before = null;
        while (true)
        {
            var page = await instrument.GetBars(timeframe, fromUtc, before, pageSize);
            if (page.IsEmpty)
            {
                break;
            }

            pages.Add(page);
            if (page.Length < pageSize)
            {
                break;
            }

            before = page[0].OpenTime;
        }

        var bars = new List<Bar>(pages.Sum(p => p.Count));
        for (int i = pages.Count - 1; i >= 0; i--)
        {
            bars.AddRange(pages[i]);
        }

        return bars;
    }
}
