using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// The open metrics bucket of every level for one scope, fed each event directly (O(levels) = O(1) per event). When
/// an event falls into a new period, the level's open bucket is closed (immutable from then on) and queued in
/// <see cref="DrainClosed"/> for the bucket grains; the next bucket opens with the last equity as its opening equity.
/// A trade-level bucket is created, filled and closed per round trip.
/// </summary>
/// <remarks>
/// A closing bucket is snapshotted at once and its accumulator reopened in place for the next period (its state is
/// reset, not reallocated): with daily bars the hourly and daily buckets close on every bar, and only the snapshot
/// has to outlive the period.
/// </remarks>
public sealed class MetricsBook
{
    private static readonly BucketLevel[] PeriodLevels =
        [BucketLevel.Hourly, BucketLevel.Daily, BucketLevel.Weekly, BucketLevel.Monthly, BucketLevel.Quarterly, BucketLevel.Yearly, BucketLevel.AllTime];

    private readonly MetricsAccumulator?[] _open = new MetricsAccumulator?[8];
    private readonly List<MetricsSnapshot>[] _closed = [[], [], [], [], [], [], [], []];
    private decimal _lastEquity;
    private decimal? _lastBenchmarkEquity;

    /// <summary>Creates a book for a scope starting with <paramref name="initialCapital"/> (positive).</summary>
    public MetricsBook(decimal initialCapital)
        : this(initialCapital, null)
    {
    }

    /// <summary>
    /// Creates a book for a scope starting with <paramref name="initialCapital"/> (positive) and measured against a
    /// benchmark whose equity starts at <paramref name="benchmarkInitialCapital"/> (positive; null: no benchmark, the
    /// marks then carry none). Each bucket opens with the last benchmark equity, as with the scope's equity.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A capital is not positive.</exception>
    public MetricsBook(decimal initialCapital, decimal? benchmarkInitialCapital)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialCapital, 0m);
        if (benchmarkInitialCapital is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkInitialCapital), benchmarkInitialCapital, "Benchmark capital must be positive.");
        }

        _lastEquity = initialCapital;
        _lastBenchmarkEquity = benchmarkInitialCapital;
    }

    /// <summary>The all-time accumulator (null before the first event).</summary>
    public MetricsAccumulator? AllTime => _open[(int)BucketLevel.AllTime];

    /// <summary>Applies a closed round trip at its exit time to every level.</summary>
    public void AddTrade(ClosedTrade trade)
    {
        var tradeBucket = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Trade, trade.ExitTime), null);
        tradeBucket.AddTrade(trade);
        tradeBucket.Close();
        _closed[(int)BucketLevel.Trade].Add(tradeBucket.ToSnapshot());
        for (int i = 0; i < PeriodLevels.Length; i++)
        {
            Open(PeriodLevels[i], trade.ExitTime).AddTrade(trade);
        }
    }

    /// <summary>Applies an equity mark (a bar close) to every level.</summary>
    public void AddMark(EquityMark mark)
    {
        for (int i = 0; i < PeriodLevels.Length; i++)
        {
            Open(PeriodLevels[i], mark.Time).AddMark(mark);
        }

        _lastEquity = mark.Equity;
        _lastBenchmarkEquity = mark.BenchmarkEquity;
    }

    private MetricsAccumulator Open(BucketLevel level, DateTimeOffset time)
    {
        var current = _open[(int)level];
        if (current is not null && current.PeriodContains(time))
        {
            return current;
        }

        var period = BucketPeriod.For(level, time);
        if (current is not null)
        {
            current.Close();
            _closed[(int)level].Add(current.ToSnapshot());
            current.Reopen(period, _lastEquity, _lastBenchmarkEquity);
            return current;
        }

        var next = new MetricsAccumulator(period, _lastEquity, _lastBenchmarkEquity);
        _open[(int)level] = next;
        return next;
    }

    /// <summary>Closed periods of <paramref name="level"/> not yet drained, oldest first; clears them.</summary>
    public IReadOnlyList<MetricsSnapshot> DrainClosed(BucketLevel level)
    {
        var list = _closed[(int)level];
        if (list.Count == 0)
        {
            return [];
        }

        var result = list.ToArray();
        list.Clear();
        return result;
    }

    /// <summary>The open period's snapshot of <paramref name="level"/> (null if none).</summary>
    public MetricsSnapshot? OpenSnapshot(BucketLevel level) => _open[(int)level]?.ToSnapshot();

    /// <summary>Levels with buckets: trade through all_time.</summary>
    public static IReadOnlyList<BucketLevel> Levels { get; } = [BucketLevel.Trade, .. PeriodLevels];
}
