namespace TradingRobotPlug.GrainInterfaces.Metrics;

/// <summary>
/// Canonical names and the roll-up graph of <see cref="BucketLevel"/>.
/// </summary>
/// <remarks>
/// <para>
/// Roll-up graph (child → parents): trade → hourly → daily → {weekly, monthly}; monthly → quarterly → yearly →
/// all_time; weekly has no parent. ISO weeks do not nest in months (a week can straddle two months or two years), so
/// weekly is a leaf fed by daily children, while the month → quarter → year → all_time chain is fed through months.
/// Every child period lies entirely inside each of its parents' periods, and the children of one parent period tile
/// it without gaps or overlaps, so merging every child of a parent, in time order and each once, gives exactly the
/// figures of a bucket fed directly with the same events (see <c>MetricsAccumulator.Merge</c>).
/// </para>
/// </remarks>
public static class BucketLevelExtensions
{
    private static readonly BucketLevel[] TradeParents = [BucketLevel.Hourly];
    private static readonly BucketLevel[] HourlyParents = [BucketLevel.Daily];
    private static readonly BucketLevel[] DailyParents = [BucketLevel.Weekly, BucketLevel.Monthly];
    private static readonly BucketLevel[] MonthlyParents = [BucketLevel.Quarterly];
    private static readonly BucketLevel[] QuarterlyParents = [BucketLevel.Yearly];
    private static readonly BucketLevel[] YearlyParents = [BucketLevel.AllTime];

    /// <summary>
    /// The levels a bucket of <paramref name="level"/> rolls up into: trade → [hourly]; hourly → [daily];
    /// daily → [weekly, monthly]; weekly → []; monthly → [quarterly]; quarterly → [yearly]; yearly → [all_time];
    /// all_time → [].
    /// </summary>
    /// <param name="level">The child level.</param>
    /// <returns>The parent levels, finest first; empty for <see cref="BucketLevel.Weekly"/> and <see cref="BucketLevel.AllTime"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public static IReadOnlyList<BucketLevel> ParentLevels(this BucketLevel level) => level switch
    {
        BucketLevel.Trade => TradeParents,
        BucketLevel.Hourly => HourlyParents,
        BucketLevel.Daily => DailyParents,
        BucketLevel.Weekly => [],
        BucketLevel.Monthly => MonthlyParents,
        BucketLevel.Quarterly => QuarterlyParents,
        BucketLevel.Yearly => YearlyParents,
        BucketLevel.AllTime => [],
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown bucket level."),
    };

    /// <summary>
    /// The canonical lower-case name: <c>trade</c>, <c>hourly</c>, <c>daily</c>, <c>weekly</c>, <c>monthly</c>,
    /// <c>quarterly</c>, <c>yearly</c> or <c>all_time</c>.
    /// </summary>
    /// <param name="level">The level.</param>
    /// <returns>The canonical name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public static string ToCanonicalString(this BucketLevel level) => level switch
    {
        BucketLevel.Trade => "trade",
        BucketLevel.Hourly => "hourly",
        BucketLevel.Daily => "daily",
        BucketLevel.Weekly => "weekly",
        BucketLevel.Monthly => "monthly",
        BucketLevel.Quarterly => "quarterly",
        BucketLevel.Yearly => "yearly",
        BucketLevel.AllTime => "all_time",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown bucket level."),
    };

    /// <summary>Parses a canonical level name (exact, case-sensitive), the inverse of <see cref="ToCanonicalString"/>.</summary>
    /// <param name="name">The name, e.g. <c>daily</c>.</param>
    /// <param name="level">The level when the name is canonical; otherwise <see cref="BucketLevel.Trade"/>.</param>
    /// <returns>Whether <paramref name="name"/> is a canonical level name.</returns>
    public static bool TryParseLevel(string? name, out BucketLevel level)
    {
        switch (name)
        {
            case "trade": level = BucketLevel.Trade; return true;
            case "hourly": level = BucketLevel.Hourly; return true;
            case "daily": level = BucketLevel.Daily; return true;
            case "weekly": level = BucketLevel.Weekly; return true;
            case "monthly": level = BucketLevel.Monthly; return true;
            case "quarterly": level = BucketLevel.Quarterly; return true;
            case "yearly": level = BucketLevel.Yearly; return true;
            case "all_time": level = BucketLevel.AllTime; return true;
            default: level = BucketLevel.Trade; return false;
        }
    }
}
