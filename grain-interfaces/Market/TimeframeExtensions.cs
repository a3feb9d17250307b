namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// Text form, duration and UTC alignment of <see cref="Timeframe"/>. Text forms are exactly "1m", "5m", "15m",
/// "1h" and "1d" (lower case; "1M" would read as a month elsewhere, so case is not folded).
/// </summary>
public static class TimeframeExtensions
{
    /// <summary>The text form: "1m", "5m", "15m", "1h" or "1d".</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeframe"/> is not a defined value.</exception>
    public static string ToText(this Timeframe timeframe) => timeframe switch
    {
        Timeframe.OneMinute => "1m",
        Timeframe.FiveMinutes => "5m",
        Timeframe.FifteenMinutes => "15m",
        Timeframe.OneHour => "1h",
        Timeframe.OneDay => "1d",
        _ => throw Undefined(timeframe),
    };

    /// <summary>The bar length (1 minute … 1 day).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeframe"/> is not a defined value.</exception>
    public static TimeSpan Duration(this Timeframe timeframe)
        => Enum.IsDefined(timeframe) ? TimeSpan.FromMinutes((int)timeframe) : throw Undefined(timeframe);

    /// <summary>
    /// Open time of the bar containing <paramref name="time"/>: the time converted to UTC and floored to a multiple of
    /// the duration counted from the Unix epoch (1970-01-01T00:00Z). Every timeframe divides a day, so bars are aligned
    /// to UTC midnight: a 1h bar opens on the hour, a 1d bar at 00:00 UTC. A time exactly on a boundary opens a new bar.
    /// The result has offset zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeframe"/> is not a defined value.</exception>
    public static DateTimeOffset BarOpenTime(this Timeframe timeframe, DateTimeOffset time)
    {
        long duration = timeframe.Duration().Ticks;
        long sinceEpoch = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long floored = sinceEpoch - (((sinceEpoch % duration) + duration) % duration);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + floored, TimeSpan.Zero);
    }

    /// <summary>Parses "1m", "5m", "15m", "1h" or "1d" (surrounding white space ignored).</summary>
    /// <exception cref="FormatException">Any other text; the message quotes it and lists the valid forms.</exception>
    public static Timeframe Parse(string text)
        => TryParse(text, out var timeframe)
            ? timeframe
            : throw new FormatException($"Timeframe '{text}' is not one of 1m, 5m, 15m, 1h, 1d.");

    /// <summary>Tries to parse "1m", "5m", "15m", "1h" or "1d" (surrounding white space ignored).</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        switch (text?.Trim())
        {
            case "1m": timeframe = Timeframe.OneMinute; return true;
            case "5m": timeframe = Timeframe.FiveMinutes; return true;
            case "15m": timeframe = Timeframe.FifteenMinutes; return true;
            case "1h": timeframe = Timeframe.OneHour; return true;
            case "1d": timeframe = Timeframe.OneDay; return true;
            default: timeframe = default; return false;
        }
    }

    private static ArgumentOutOfRangeException Undefined(Timeframe timeframe)
        => new(nameof(timeframe), timeframe, $"Timeframe value {(int)timeframe} is not defined.");
}
