using System.Diagnostics;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// A log-linear latency histogram over <see cref="Stopwatch"/> ticks (HdrHistogram-like: 32 sub-buckets per power
/// of two, so a reported percentile is within about 3% of the true value). Recording is a few instructions and
/// allocates nothing. Single writer: give every caller, driver or subscriber its own and merge them afterwards.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = SubBuckets * 2;
    private const int MaxExponent = 48;

    private readonly long[] _counts = new long[LinearLimit + ((MaxExponent - SubBucketBits) * SubBuckets)];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Records one latency in <see cref="Stopwatch"/> ticks (negative values count as zero).</summary>
    public void Record(long ticks)
    {
        _counts[BucketOf(ticks)]++;
        Count++;
    }

    /// <summary>Forgets every recorded value (call only while no writer is recording).</summary>
    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    /// <summary>Adds <paramref name="other"/>'s values to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100) in milliseconds; null when nothing was recorded.</summary>
    public double? PercentileMilliseconds(double percentile)
    {
        if (Count == 0)
        {
            return null;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Count * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return ValueOf(i) * 1000.0 / Stopwatch.Frequency;
            }
        }

        return ValueOf(_counts.Length - 1) * 1000.0 / Stopwatch.Frequency;
    }

    private static int BucketOf(long ticks)
    {
        if (ticks < LinearLimit)
        {
            return ticks < 0 ? 0 : (int)ticks;
        }

        int exponent = 63 - (int)long.LeadingZeroCount(ticks);
        if (exponent >= MaxExponent)
        {
            exponent = MaxExponent - 1;
            ticks = (1L << MaxExponent) - 1;
        }

        int sub = (int)(ticks >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return LinearLimit + ((exponent - SubBucketBits - 1) * SubBuckets) + sub;
    }

    // The middle of a bucket's range.
    private static double ValueOf(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return bucket;
        }

        int exponent = ((bucket - LinearLimit) / SubBuckets) + SubBucketBits + 1;
        int sub = (bucket - LinearLimit) % SubBuckets;
        long width = 1L << (exponent - SubBucketBits);
        return (1L << exponent) + (sub * width) + (width / 2.0);
    }
}
