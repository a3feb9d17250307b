namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>Bar timeframes. The numeric value is the bar length in minutes.</summary>
public enum Timeframe
{
    /// <summary>One minute ("1m").</summary>
    OneMinute = 1,

    /// <summary>Five minutes ("5m").</summary>
    FiveMinutes = 5,

    /// <summary>Fifteen minutes ("15m").</summary>
    FifteenMinutes = 15,

    /// <summary>One hour ("1h").</summary>
    OneHour = 60,

    /// <summary>One day ("1d").</summary>
    OneDay = 1440,
}
