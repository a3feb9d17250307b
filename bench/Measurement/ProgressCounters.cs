namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// One counter per worker (caller, driver grain or subscriber), each on its own cache line so workers on different
/// cores do not slow each other down. Each counter has a single writer; any thread may read.
/// </summary>
public sealed class ProgressCounters
{
    // 16 longs = 128 bytes: a cache line plus the adjacent-line prefetch.
    private const int Stride = 16;

    private readonly long[] _slots;

    /// <summary>Creates <paramref name="count"/> counters, all zero.</summary>
    public ProgressCounters(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
        _slots = new long[(count + 1) * Stride];
    }

    /// <summary>Number of counters.</summary>
    public int Count { get; }

    /// <summary>Adds <paramref name="amount"/> to counter <paramref name="index"/> (only its one writer may call this).</summary>
    public void Add(int index, long amount)
    {
        ref long slot = ref _slots[(index + 1) * Stride];
        Volatile.Write(ref slot, slot + amount);
    }

    /// <summary>Reads counter <paramref name="index"/>.</summary>
    public long Read(int index) => Volatile.Read(ref _slots[(index + 1) * Stride]);

    /// <summary>The least of the counters.</summary>
    public long Min()
    {
        long min = long.MaxValue;
        for (int i = 0; i < Count; i++)
        {
            min = Math.Min(min, Volatile.Read(ref _slots[(i + 1) * Stride]));
        }

        return min;
    }

    /// <summary>Reads every counter.</summary>
    public long[] Snapshot()
    {
        var values = new long[Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Volatile.Read(ref _slots[(i + 1) * Stride]);
        }

        return values;
    }

    /// <summary>The sum of all counters.</summary>
    public long Total()
    {
        long sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += Volatile.Read(ref _slots[(i + 1) * Stride]);
        }

        return sum;
    }
}
