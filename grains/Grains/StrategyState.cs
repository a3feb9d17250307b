using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted definition and lifecycle of a strategy grain.</summary>
public sealed class StrategyState
{
    /// <summary>The settings; null until created.</summary>
    public StrategySettings? Settings { get; set; }

    /// <summary>Lifecycle status.</summary>
    public StrategyStatus Status { get; set; }

    /// <summary>Alert thresholds; null when never set.</summary>
    public AlertThresholds? Alerts { get; set; }
}
