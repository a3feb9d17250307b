using Orleans;
using System.Globalization;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Metrics;

/// <summary>
/// A metrics bucket's period: a <see cref="BucketLevel"/> and the UTC instant the period starts. The period is the
/// half-open interval [<see cref="Start"/>, <see cref="End"/>). Obtain one with <see cref="For"/> or
/// <see cref="Parse"/>; the constructor only accepts starts aligned to the level.
/// </summary>
/// <remarks>
/// Boundaries (all UTC): trade = the exit instant itself, one tick long; hourly = hh:00; daily = 00:00; weekly =
/// Monday 00:00 of the ISO-8601 week; monthly = the 1st; quarterly = January, April, July or October 1st; yearly =
/// January 1st; all_time = [<see cref="DateTimeOffset.MinValue"/>, <see cref="DateTimeOffset.MaxValue"/>].
/// Canonical string form (<see cref="ToString"/>, usable as part of a grain key): <c>trade:2024-03-15T13:45:12.1234567Z</c>,
/// <c>hourly:2024-03-15T13</c>, <c>daily:2024-03-15</c>, <c>weekly:2025-W01</c> (ISO week-numbering year),
/// <c>monthly:2024-03</c>, <c>quarterly:2024-Q1</c>, <c>yearly:2024</c>, <c>all_time</c>.
/// </remarks>
[GenerateSerializer, Immutable, Alias("trp.BucketPeriod")]
public readonly record struct BucketPeriod
{
    /// <summary>Creates a period from a level and an aligned start.</summary>
    /// <param name="level">The level.</param>
    /// <param name="start">The period start; converted to UTC; must equal <c>For(level, start).Start</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    /// <exception cref="ArgumentException"><paramref name="start"/> is not the start of a <paramref name="level"/> period.</exception>
    [JsonConstructor]
    public BucketPeriod(BucketLevel level, DateTimeOffset start)
    {
        var aligned = AlignStart(level, start);
        if (aligned != start.ToUniversalTime())
        {
            throw new ArgumentException(
                $"{start:O} is not the start of a {level.ToCanonicalString()} period (that would be {aligned:O}).", nameof(start));
        }

        Level = level;
        Start = aligned;
    }

    /// <summary>The level.</summary>
    [Id(0)]
    public BucketLevel Level { get; }

    /// <summary>The inclusive UTC start of the period (offset zero).</summary>
    [Id(1)]
    public DateTimeOffset Start { get; }

    /// <summary>
    /// The exclusive UTC end of the period, i.e. the start of the next period of the same level;
    /// <see cref="DateTimeOffset.MaxValue"/> for <see cref="BucketLevel.AllTime"/> (and where the next start would
    /// not be representable).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset End => Level switch
    {
        BucketLevel.Trade => AddOrMax(Start, TimeSpan.FromTicks(1)),
        BucketLevel.Hourly => AddOrMax(Start, TimeSpan.FromHours(1)),
        BucketLevel.Daily => AddOrMax(Start, TimeSpan.FromDays(1)),
        BucketLevel.Weekly => AddOrMax(Start, TimeSpan.FromDays(7)),
        BucketLevel.Monthly => AddMonthsOrMax(Start, 1),
        BucketLevel.Quarterly => AddMonthsOrMax(Start, 3),
        BucketLevel.Yearly => AddMonthsOrMax(Start, 12),
        _ => DateTimeOffset.MaxValue,
    };

    /// <summary>The period of <paramref name="level"/> that contains <paramref name="time"/>.</summary>
    /// <param name="level">The level.</param>
    /// <param name="time">Any instant; its offset is ignored (the boundaries are UTC).</param>
    /// <returns>The containing period. For <see cref="BucketLevel.Trade"/> the period starts at <paramref name="time"/> itself.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined level.</exception>
    public static BucketPeriod For(BucketLevel level, DateTimeOffset time) => new(level, AlignStart(level, time));

    /// <summary>Whether <paramref name="time"/> lies in [<see cref="Start"/>, <see cref="End"/>) (all_time contains every instant).</summary>
    /// <param name="time">The instant.</param>
    /// <returns>True when the instant is inside the period.</returns>
    public bool Contains(DateTimeOffset time) =>
        Level == BucketLevel.AllTime || (time >= Start && time < End);

    /// <summary>Whether <paramref name="other"/> lies entirely inside this period.</summary>
    /// <param name="other">Another period.</param>
    /// <returns>True when <c>Start ≤ other.Start</c> and <c>other.End ≤ End</c>.</returns>
    public bool Contains(BucketPeriod other) =>
        Level == BucketLevel.AllTime || (other.Start >= Start && other.End <= End);

    /// <summary>
    /// The periods this period rolls up into, one per <see cref="BucketLevelExtensions.ParentLevels"/> entry, each the
    /// period of that level containing <see cref="Start"/> (e.g. a daily period's weekly and monthly periods).
    /// </summary>
    /// <returns>The parent periods, finest first; empty for weekly and all_time.</returns>
    public IReadOnlyList<BucketPeriod> Parents()
    {
        var levels = Level.ParentLevels();
        var parents = new BucketPeriod[levels.Count];
        for (int i = 0; i < parents.Length; i++)
        {
            parents[i] = For(levels[i], Start);
        }

        return parents;
    }

    /// <summary>The canonical string form, e.g. <c>daily:2024-03-15</c>; see the type remarks for every level.</summary>
    /// <returns>The canonical form; <see cref="Parse"/> turns it back into an equal period.</returns>
    public override string ToString()
    {
        var name = Level.ToCanonicalString();
        var s = Start.UtcDateTime;
        var inv = CultureInfo.InvariantCulture;
        return Level switch
        {
            BucketLevel.Trade => $"{name}:{s.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", inv)}",
            BucketLevel.Hourly => $"{name}:{s.ToString("yyyy-MM-dd'T'HH", inv)}",
            BucketLevel.Daily => $"{name}:{s.ToString("yyyy-MM-dd", inv)}",
            BucketLevel.Weekly => string.Create(inv, $"{name}:{ISOWeek.GetYear(s):D4}-W{ISOWeek.GetWeekOfYear(s):D2}"),
            BucketLevel.Monthly => $"{name}:{s.ToString("yyyy-MM", inv)}",
            BucketLevel.Quarterly => string.Create(inv, $"{name}:{s.Year:D4}-Q{((s.Month - 1) / 3) + 1}"),
            BucketLevel.Yearly => string.Create(inv, $"{name}:{s.Year:D4}"),
            _ => name,
        };
    }

    /// <summary>Parses the canonical string form produced by <see cref="ToString"/>.</summary>
    /// <param name="text">The canonical form, e.g. <c>weekly:2025-W01</c>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not a canonical period string.</exception>
    public static BucketPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a canonical bucket period such as 'daily:2024-03-15'.");

    /// <summary>Tries to parse the canonical string form produced by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="period">The period when parsing succeeded; otherwise <c>default</c>.</param>
    /// <returns>Whether <paramref name="text"/> is canonical.</returns>
    public static bool TryParse(string? text, out BucketPeriod period)
    {
        period = default;
        if (text is null)
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        var levelName = colon < 0 ? text : text[..colon];
        var rest = colon < 0 ? null : text[(colon + 1)..];
        if (!BucketLevelExtensions.TryParseLevel(levelName, out var level))
        {
            return false;
        }

        if (level == BucketLevel.AllTime)
        {
            if (rest is not null)
            {
                return false;
            }

            period = new BucketPeriod(level, DateTimeOffset.MinValue);
            return true;
        }

        if (rest is null || !TryParseStart(level, rest, out var start))
        {
            return false;
        }

        period = new BucketPeriod(level, new DateTimeOffset(start, TimeSpan.Zero));
        return period.ToString() == text;
    }

    private static bool TryParseStart(BucketLevel level, string text, out DateTime start)
    {
        var inv = CultureInfo.InvariantCulture;
        const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        start = default;
        switch (level)
        {
            case BucketLevel.Trade:
                return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", inv, Utc, out start);
            case BucketLevel.Hourly:
                return DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH", inv, Utc, out start);
            case BucketLevel.Daily:
                return DateTime.TryParseExact(text, "yyyy-MM-dd", inv, Utc, out start);
            case BucketLevel.Monthly:
                return DateTime.TryParseExact(text, "yyyy-MM", inv, Utc, out start);
            case BucketLevel.Yearly:
                return DateTime.TryParseExact(text, "yyyy", inv, Utc, out start);
            case BucketLevel.Quarterly:
                if (text.Length == 7 && text[4] == '-' && text[5] == 'Q' && text[6] is >= '1' and <= '4'
                    && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, inv, out int qYear) && qYear >= 1)
                {
                    start = new DateTime(qYear, ((text[6] - '1') * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
                    return true;
                }

                return false;
            case BucketLevel.Weekly:
                if (text.Length == 8 && text[4] == '-' && text[5] == 'W'
                    && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, inv, out int wYear) && wYear >= 1
                    && int.TryParse(text.AsSpan(6, 2), NumberStyles.None, inv, out int week)
                    && week >= 1 && week <= ISOWeek.GetWeeksInYear(wYear))
                {
                    try
                    {
                        start = DateTime.SpecifyKind(ISOWeek.ToDateTime(wYear, week, DayOfWeek.Monday), DateTimeKind.Utc);
                        return true;
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        return false;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static DateTimeOffset AlignStart(BucketLevel level, DateTimeOffset time)
    {
        var u = time.UtcDateTime;
        DateTime start = level switch
        {
            BucketLevel.Trade => u,
            BucketLevel.Hourly => new DateTime(u.Year, u.Month, u.Day, u.Hour, 0, 0, DateTimeKind.Utc),
            BucketLevel.Daily => u.Date,
            BucketLevel.Weekly => u.Date.AddDays(-(((int)u.DayOfWeek + 6) % 7)),
            BucketLevel.Monthly => new DateTime(u.Year, u.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            BucketLevel.Quarterly => new DateTime(u.Year, (((u.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc),
            BucketLevel.Yearly => new DateTime(u.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            BucketLevel.AllTime => DateTime.MinValue,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown bucket level."),
        };
        return new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc), TimeSpan.Zero);
    }

    private static DateTimeOffset AddOrMax(DateTimeOffset start, TimeSpan span) =>
        DateTimeOffset.MaxValue - start < span ? DateTimeOffset.MaxValue : start + span;

    private static DateTimeOffset AddMonthsOrMax(DateTimeOffset start, int months) =>
        start.Year == 9999 && start.Month + months > 12 ? DateTimeOffset.MaxValue : start.AddMonths(months);
}
