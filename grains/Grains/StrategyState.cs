using Orleans;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted definition and lifecycle of a strategy grain.</summary>
[GenerateSerializer, Alias("trp.StrategyState")]
public sealed class StrategyState
{
    /// <summary>The settings; null until created.</summary>
    [Id(0)]
    public StrategySettings? Settings { get; set; }

    /// <summary>Lifecycle status.</summary>
    [Id(1)]
    public StrategyStatus Status { get; set; }

    /// <summary>Alert thresholds; null when never set.</summary>
    [Id(2)]
    public AlertThresholds? Alerts { get; set; }

    /// <summary>
    /// Open time (UTC, inclusive) of the first instrument bar the strategy trades on: the start of the instrument's
    /// next bar when the strategy was first started (<see cref="DateTimeOffset.MinValue"/> when the instrument had no
    /// data). A reactivated running or paused strategy rebuilds its trading state from the instrument's bars since then;
    /// null when never started.
    /// </summary>
    [Id(3)]
    public DateTimeOffset? HistoryFrom { get; set; }

    /// <summary>
    /// The stretches of bars not traded because the strategy was paused or stopped, oldest first; the last one is open
    /// (<see cref="SkippedStretch.ThroughOpen"/> null) while the strategy is paused or stopped.
    /// </summary>
    [Id(4)]
    public List<SkippedStretch> Skipped { get; set; } = [];

    /// <summary>Why the strategy failed (<see cref="StrategyStatus.Failed"/>); null otherwise.</summary>
    [Id(5)]
    public string? FailureReason { get; set; }
}
