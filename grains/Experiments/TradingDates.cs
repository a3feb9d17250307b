namespace TradingRobotPlug.Grains.Experiments;

/// <summary>The trading date an equity mark belongs to, for pairing two arms' daily returns by date.</summary>
public static class TradingDates
{
    /// <summary>
    /// The UTC calendar date of the last instant of the bar that closed at <paramref name="barClose"/>: a bar covers
    /// [open, close), so a daily bar closing at the next day's 00:00 UTC belongs to the date it opened on, and an
    /// intraday bar to the date it trades in. For daily bars this groups marks exactly as the UTC days of the
    /// metrics' daily returns (one mark a day) and names them by their trading date.
    /// </summary>
    /// <param name="barClose">A mark's time: its bar's close instant.</param>
    public static DateOnly Of(DateTimeOffset barClose)
        => DateOnly.FromDayNumber((int)((barClose.UtcTicks - 1) / TimeSpan.TicksPerDay));
}
