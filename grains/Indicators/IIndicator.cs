namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// What every incremental indicator exposes. Each indicator has its own <c>Update(...)</c> taking the bar values it
/// needs as doubles and nullable value properties that stay null until the indicator's lookback is filled: there is
/// never a value computed from a partial window. Updates are O(1) (amortised O(1) for rolling maxima/minima).
/// Indicators are deterministic (the same inputs give bit-identical outputs) and not thread-safe.
/// Definitions and sources: <c>docs/indicators.md</c>.
/// </summary>
public interface IIndicator
{
    /// <summary>Number of updates received so far.</summary>
    long Count { get; }

    /// <summary>
    /// Number of updates after which <see cref="IsReady"/> becomes true (for the session VWAP: 1, provided the
    /// session has traded volume).
    /// </summary>
    int WarmUpBars { get; }

    /// <summary>True when every value the indicator exposes is available.</summary>
    bool IsReady { get; }
}
