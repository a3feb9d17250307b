using Orleans;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted bars of one history segment, oldest first (at most <see cref="GrainInterfaces.Grains.BarSegments.Capacity"/>).</summary>
[GenerateSerializer, Alias("trp.BarSegmentState")]
public sealed class BarSegmentState
{
    /// <summary>The bars.</summary>
    [Id(0)]
    public List<Bar> Bars { get; set; } = [];
}
