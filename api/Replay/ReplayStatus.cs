namespace TradingRobotPlug.Api.Replay;

/// <summary>Progress of the market replay.</summary>
/// <param name="State">Life-cycle state.</param>
/// <param name="DataSet">Data set name (file name without <c>.csv</c>); null when idle.</param>
/// <param name="Symbol">Instrument the bars are published to.</param>
/// <param name="SpeedBarsPerSecond">Requested speed in bars per second; 0 = as fast as possible.</param>
/// <param name="TotalBars">Bars in the data set.</param>
/// <param name="PublishedBars">Bars of the data set the instrument has published (including ones published by earlier runs).</param>
/// <param name="Percent">PublishedBars / TotalBars × 100, in [0, 100].</param>
/// <param name="BarsPerSecond">Bars published per second by this run so far (wall clock).</param>
/// <param name="EtaSeconds">Estimated seconds to the end at the current rate; null when unknown or not running.</param>
/// <param name="StartedUtc">When this run started.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
/// <param name="Retrying">While the next chunk is being retried after failed attempts (the storage is down, a transient
/// cluster failure, or a state conflict): why, how many attempts, since when and when the next one is due; the state stays
/// <see cref="ReplayState.Running"/> (or <see cref="ReplayState.Paused"/>) and the replay continues by itself once an
/// attempt succeeds. Null otherwise.</param>
public sealed record ReplayStatus(
    ReplayState State,
    string? DataSet,
    string? Symbol,
    double SpeedBarsPerSecond,
    int TotalBars,
    int PublishedBars,
    double Percent,
    double BarsPerSecond,
    double? EtaSeconds,
    DateTimeOffset? StartedUtc,
    string? Error,
    ReplayRetry? Retrying = null)
{
    /// <summary>The status before any replay.</summary>
    public static ReplayStatus Idle { get; } = new(ReplayState.Idle, null, null, 0, 0, 0, 0, 0, null, null, null);
}
