namespace TradingRobotPlug.Api.Realtime;

/// <summary>Thins a series for a chart.</summary>
internal static class Downsample
{
    /// <summary>
    /// At most <paramref name="max"/> items of <paramref name="items"/>, evenly spaced by index and always including the
    /// first and the last; the list itself when it is short enough.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 2.</exception>
    public static IReadOnlyList<T> Evenly<T>(IReadOnlyList<T> items, int max)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (items.Count <= max)
        {
            return items;
        }

        var result = new T[max];
        long last = items.Count - 1;
        for (int i = 0; i < max; i++)
        {
            result[i] = items[(int)(i * last / (max - 1))];
        }

        return result;
    }
}
