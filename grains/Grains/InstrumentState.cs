using Orleans;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Persisted state of an instrument grain, written as part of every publish (before the data goes on the stream):
/// last price, counts, and the index of the bar history kept in segments.
/// </summary>
[GenerateSerializer, Alias("trp.InstrumentState")]
public sealed class InstrumentState
{
    /// <summary>Last price; null before any data.</summary>
    [Id(0)]
    public decimal? LastPrice { get; set; }

    /// <summary>Time of the last price or bar open (UTC).</summary>
    [Id(1)]
    public DateTimeOffset? LastTime { get; set; }

    /// <summary>Bars published.</summary>
    [Id(2)]
    public long Bars { get; set; }

    /// <summary>Ticks accepted.</summary>
    [Id(3)]
    public long Ticks { get; set; }

    /// <summary>Open time (UTC) of the last bar published with <c>PublishBars</c>; null before any.</summary>
    [Id(4)]
    public DateTimeOffset? LastBarOpen { get; set; }

    /// <summary>The bar being built from ticks (not final, not yet in the history); null when none.</summary>
    [Id(5)]
    public Bar? PendingBar { get; set; }

    /// <summary>History index per published timeframe.</summary>
    [Id(6)]
    public List<BarSeriesState> Series { get; set; } = [];
}
