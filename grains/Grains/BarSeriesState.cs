using Orleans;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Persisted index of one timeframe's bar history of an instrument: how many bars are acknowledged and where each
/// <see cref="GrainInterfaces.Grains.IBarSegmentGrain"/> segment starts.
/// </summary>
[GenerateSerializer, Alias("trp.BarSeriesState")]
public sealed class BarSeriesState
{
    /// <summary>The timeframe of the bars.</summary>
    [Id(0)]
    public Timeframe Timeframe { get; set; }

    /// <summary>Bars acknowledged (written to their segment and counted here). Bars a segment holds past this count
    /// come from a write interrupted before this state was saved and are ignored and overwritten.</summary>
    [Id(1)]
    public long Count { get; set; }

    /// <summary>Open time (UTC) of the first bar of each segment, in segment order.</summary>
    [Id(2)]
    public List<DateTimeOffset> SegmentStarts { get; set; } = [];

    /// <summary>Open time (UTC) of the last acknowledged bar; null when <see cref="Count"/> is 0.</summary>
    [Id(3)]
    public DateTimeOffset? LastOpen { get; set; }
}
