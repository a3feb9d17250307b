using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted bars of one history segment, oldest first (at most <see cref="GrainInterfaces.Grains.BarSegments.Capacity"/>).</summary>
public sealed class BarSegmentState
{
    /// <summary>The bars.</summary>
    public List<Bar> Bars { get; set; } = [];
}
