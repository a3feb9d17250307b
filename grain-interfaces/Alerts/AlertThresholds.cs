using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Alerts;

/// <summary>
/// Per-strategy alert thresholds; a null threshold is off. An alert is raised once when its value reaches the threshold
/// and re-armed only with hysteresis: a drawdown alert when the drawdown is back to at most half its threshold, a
/// daily-loss alert on the next trading day (at most once per day), a win-rate alert when the win rate is back 5
/// percentage points above its threshold (the strategy grain's <c>AlertMonitor</c> documents the rules).
/// </summary>
/// <param name="MaxDrawdown">Drawdown fraction in (0, 1]: raise when the drawdown from peak equity is at or above it.</param>
/// <param name="DailyLoss">Money, &gt; 0: raise when the equity of the current UTC day is at least this much below the day's opening equity.</param>
/// <param name="MinWinRate">Fraction in [0, 1]: raise when the win rate is below it once <paramref name="MinTrades"/> trades have closed.</param>
/// <param name="MinTrades">Closed trades needed before <paramref name="MinWinRate"/> applies; ≥ 1 (default 10).</param>
/// <remarks>In JSON, a field other than these four is refused (a misspelt threshold must not silently reset the others).</remarks>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[GenerateSerializer, Immutable, Alias("trp.AlertThresholds")]
public sealed record AlertThresholds(
    [property: Id(0)] double? MaxDrawdown = null,
    [property: Id(1)] decimal? DailyLoss = null,
    [property: Id(2)] double? MinWinRate = null,
    [property: Id(3)] int MinTrades = 10)
{
    /// <summary>No alerts.</summary>
    public static AlertThresholds None { get; } = new();

    /// <summary>Every problem with the thresholds, each naming its field (camelCase, as in the API); empty when valid.</summary>
    public IReadOnlyList<(string Field, string Error)> Validate()
    {
        var errors = new List<(string, string)>();
        if (MaxDrawdown is { } dd && !(dd > 0 && dd <= 1))
        {
            errors.Add(("maxDrawdown", $"must be in (0, 1] (was {dd})."));
        }

        if (DailyLoss is { } loss && loss <= 0)
        {
            errors.Add(("dailyLoss", $"must be positive (was {loss})."));
        }

        if (MinWinRate is { } wr && !(wr >= 0 && wr <= 1))
        {
            errors.Add(("minWinRate", $"must be in [0, 1] (was {wr})."));
        }

        if (MinTrades < 1)
        {
            errors.Add(("minTrades", $"must be at least 1 (was {MinTrades})."));
        }

        return errors;
    }
}
