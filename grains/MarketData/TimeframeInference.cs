using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Infers the timeframe of a bar file from its open times: the smallest gap between consecutive bars, which must be
/// exactly one of the supported timeframes (1m, 5m, 15m, 1h, 1d). Gaps larger than it (nights, weekends, holidays,
/// missing bars) are allowed; a smallest gap of any other length is an error rather than a guess.
/// </summary>
public static class TimeframeInference
{
    /// <summary>Infers the timeframe of bars opening at <paramref name="openTimes"/> (strictly increasing, UTC).</summary>
    /// <param name="openTimes">The bars' open times, oldest first; at least two.</param>
    /// <param name="source">What the times come from (a file name), for the error message.</param>
    /// <returns>The timeframe equal to the smallest gap.</returns>
    /// <exception cref="ArgumentException">
    /// Fewer than two times, times not strictly increasing, or a smallest gap that is no supported timeframe; the
    /// message names <paramref name="source"/>, the gap and where it occurs, and suggests <c>--timeframe</c>.
    /// </exception>
    public static Timeframe Infer(IReadOnlyList<DateTimeOffset> openTimes, string source)
    {
        ArgumentNullException.ThrowIfNull(openTimes);
        if (openTimes.Count < 2)
        {
            throw new ArgumentException($"{source}: {openTimes.Count} bar(s); the timeframe cannot be inferred from fewer than two, give --timeframe.", nameof(openTimes));
        }

        var smallest = TimeSpan.MaxValue;
        int at = 0;
        for (int i = 1; i < openTimes.Count; i++)
        {
            var gap = openTimes[i] - openTimes[i - 1];
            if (gap <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{source}: bar {i + 1} ({openTimes[i]:O}) is not after bar {i} ({openTimes[i - 1]:O}).", nameof(openTimes));
            }

            if (gap < smallest)
            {
                smallest = gap;
                at = i;
            }
        }

        foreach (var timeframe in Enum.GetValues<Timeframe>())
        {
            if (timeframe.Duration() == smallest)
            {
                return timeframe;
            }
        }

        throw new ArgumentException(
            $"{source}: the smallest gap between bars is {smallest} (bars {at} and {at + 1}, at {openTimes[at - 1]:O} and {openTimes[at]:O}), which is no supported timeframe (1m, 5m, 15m, 1h, 1d); give --timeframe.",
            nameof(openTimes));
    }
}
