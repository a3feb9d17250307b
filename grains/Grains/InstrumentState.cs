using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Persisted state of an instrument grain, written as part of every publish (before the data goes on the stream):
/// last price, counts, and the index of the bar history kept in segments.
/// </summary>
public sealed class InstrumentState
{
    /// <summary>Last price; null before any data.</summary>
    public decimal? LastPrice { get; set; }

    /// <summary>Time of the last price or bar open (UTC).</summary>
    public DateTimeOffset? LastTime { get; set; }

    /// <summary>Bars published.</summary>
    public long Bars { get; set; }

    /// <summary>Ticks accepted.</summary>
    public long Ticks { get; set; }

    /// <summary>Open time (UTC) of the last bar published with <c>PublishBars</c>; null before any.</summary>
    public DateTimeOffset? LastBarOpen { get; set; }

    /// <summary>The bar being built from ticks (not final, not yet in the history); null when none.</summary>
    public Bar? PendingBar { get; set; }

    /// <summary>History index per published timeframe.</summary>
    public List<BarSeriesState> Series { get; set; } = [];
}
