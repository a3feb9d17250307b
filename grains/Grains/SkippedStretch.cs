using Orleans;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// A stretch of the instrument's bars that a strategy did not trade because it was paused or stopped: the bars whose
/// open time is after <see cref="AfterOpen"/> and at or before <see cref="ThroughOpen"/>. Persisted with the strategy,
/// so that a rebuild from the bar history skips exactly what the live strategy skipped.
/// </summary>
[GenerateSerializer, Alias("trp.SkippedStretch")]
public sealed class SkippedStretch
{
    /// <summary>Open time (UTC) of the last bar accounted for when the strategy was paused or stopped; null when it had seen none.</summary>
    [Id(0)]
    public DateTimeOffset? AfterOpen { get; set; }

    /// <summary>Open time (UTC) of the instrument's newest bar when the strategy was started again; null while it is still paused or stopped.</summary>
    [Id(1)]
    public DateTimeOffset? ThroughOpen { get; set; }

    /// <summary>Whether a bar opening at <paramref name="open"/> falls in the stretch.</summary>
    public bool Contains(DateTimeOffset open) => (AfterOpen is not { } after || open > after) && (ThroughOpen is not { } through || open <= through);
}
