using System.Text.Json.Serialization;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// A closed round-trip trade as the metrics see it. Checked by <see cref="MetricsAccumulator.AddTrade"/>:
/// <c>EntryTime ≤ ExitTime</c>, <c>Fees ≥ 0</c>, <c>Return</c> finite.
/// </summary>
/// <param name="EntryTime">When the position was opened (UTC or any offset).</param>
/// <param name="ExitTime">When the position was closed; the trade belongs to the buckets whose periods contain this instant.</param>
/// <param name="NetPnl">Realised profit or loss in account currency, after all fees and commissions. Positive = win, negative = loss, zero = breakeven.</param>
/// <param name="Fees">Fees and commissions paid on the round trip, in account currency, as a non-negative amount (already deducted from <paramref name="NetPnl"/>).</param>
/// <param name="Return">The trade's net return as a fraction (e.g. 0.02 = +2 %), defined by the caller (typically net P&amp;L / entry notional); only averaged.</param>
[Immutable]
public readonly record struct ClosedTrade(
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    decimal NetPnl,
    decimal Fees,
    double Return)
{
    /// <summary>How long the position was held: <c>ExitTime − EntryTime</c>.</summary>
    [JsonIgnore]
    public TimeSpan HoldingTime => ExitTime - EntryTime;
}
