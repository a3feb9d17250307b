using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>Layout of an instrument's persisted bar history in <see cref="IBarSegmentGrain"/> segments.</summary>
public static class BarSegments
{
    /// <summary>Bars per segment.</summary>
    public const int Capacity = 1_024;

    /// <summary>The segment grain key: <c>{SYMBOL}/{timeframe text}/{segment}</c>, e.g. <c>SPX/1d/3</c>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="timeframe">The published timeframe.</param>
    /// <param name="segment">Zero-based segment number; bar index / <see cref="Capacity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is negative or <paramref name="timeframe"/> undefined.</exception>
    public static string Key(InstrumentId instrument, Timeframe timeframe, long segment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(segment);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{instrument.Symbol}/{timeframe.ToText()}/{segment}");
    }
}
