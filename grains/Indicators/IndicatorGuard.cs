namespace TradingRobotPlug.Grains.Indicators;

/// <summary>Argument checks shared by the indicators. Every check runs before any state changes.</summary>
internal static class IndicatorGuard
{
    public static int Period(int period, string paramName)
    {
        if (period < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, period, $"{paramName} must be at least 1.");
        }

        return period;
    }

    public static void Finite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number.");
        }
    }

    public static void HighLowClose(double high, double low, double close)
    {
        Finite(high, nameof(high));
        Finite(low, nameof(low));
        Finite(close, nameof(close));
        if (high < low)
        {
            throw new ArgumentException($"high ({high}) is below low ({low}).", nameof(high));
        }
    }
}
