namespace TradingRobotPlug.Grains.Experiments;

/// <summary>The trading date an equity mark belongs to, for pairing two arms' daily returns by date.</summary>
public static class TradingDates
{
    /// <summary>
    /// The UTC calendar date of a mark. A mark is labelled with its bar's open time, so a daily bar's mark names its
    /// trading date and an intraday bar's the date it trades in; this groups marks exactly as the UTC days of the
    /// metrics' daily returns.
    /// </summary>
    /// <param name="markTime">A mark's time: its bar's open time (UTC).</param>
    public static DateOnly Of(DateTimeOffset markTime) => DateOnly.FromDateTime(markTime.UtcDateTime);
}
