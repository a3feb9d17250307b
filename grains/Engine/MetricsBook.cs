using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// The open metrics bucket of every level for one scope, fed each event directly (O(levels) = O(1) per event). When
/// an event falls into a new period, the level's open bucket is closed (immutable from then on) and queued in
/// <see cref="DrainClosed"/> for the bucket grains; the next bucket opens with the last equity as its opening equity.
/// A trade-level bucket is created, filled and closed per round trip. Only levels at or above the scope's finest
/// timeframe are kept (plus <c>trade</c>): with daily bars there is no hourly level, which would only repeat each day.
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

    private static readonly BucketLevel[] DailyAndAbove = PeriodLevels[1..];

    private readonly MetricsAccumulator?[] _open = new MetricsAccumulator?[8];
    private readonly List<MetricsSnapshot>[] _closed = [[], [], [], [], [], [], [], []];
    private readonly BucketLevel[] _periodLevels;
    private decimal _lastEquity;
    private decimal? _lastBenchmarkEquity;

    /// <summary>
    /// Creates a book for a scope starting with <paramref name="initialCapital"/> whose marks come from bars of
    /// <paramref name="finest"/>, measured against a benchmark whose equity starts at
    /// <paramref name="benchmarkInitialCapital"/> (null: no benchmark, the marks then carry none). Each bucket opens
    /// with the last equity and the last benchmark equity.
    /// </summary>
    /// <param name="initialCapital">Starting capital, money &gt; 0.</param>
    /// <param name="finest">The finest timeframe of the scope's marks; levels finer than it are not kept (see <see cref="LevelsFor"/>).</param>
    /// <param name="benchmarkInitialCapital">The benchmark's starting equity, money &gt; 0; null without a benchmark.</param>
    /// <exception cref="ArgumentOutOfRangeException">A capital is not positive, or <paramref name="finest"/> is not a defined timeframe.</exception>
    public MetricsBook(decimal initialCapital, Timeframe finest, decimal? benchmarkInitialCapital = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialCapital, 0m);
        if (!Enum.IsDefined(finest))
        {
            throw new ArgumentOutOfRangeException(nameof(finest), finest, "Unknown timeframe.");
        }

        if (benchmarkInitialCapital is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkInitialCapital), benchmarkInitialCapital, "Benchmark capital must be positive.");
        }

        _lastEquity = initialCapital;
        _lastBenchmarkEquity = benchmarkInitialCapital;
        _periodLevels = finest.Duration() <= TimeSpan.FromHours(1) ? PeriodLevels : DailyAndAbove;
        Levels = [BucketLevel.Trade, .. _periodLevels];
    }

    /// <summary>
    /// The levels kept for marks of <paramref name="finest"/>: <c>trade</c>, then <c>hourly</c> only for timeframes of
    /// one hour or less, then <c>daily</c> through <c>all_time</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="finest"/> is not a defined timeframe.</exception>
    public static IReadOnlyList<BucketLevel> LevelsFor(Timeframe finest) => new MetricsBook(1m, finest).Levels;

    /// <summary>The all-time accumulator (null before the first event).</summary>
    public MetricsAccumulator? AllTime => _open[(int)BucketLevel.AllTime];

    /// <summary>Applies a closed round trip at its exit time to every level.</summary>
    public void AddTrade(ClosedTrade trade)
    {
        var tradeBucket = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Trade, trade.ExitTime), null);
        tradeBucket.AddTrade(trade);
        tradeBucket.Close();
        _closed[(int)BucketLevel.Trade].Add(tradeBucket.ToSnapshot());
        for (int i = 0; i < _periodLevels.Length; i++)
        {
            Open(_periodLevels[i], trade.ExitTime).AddTrade(trade);
        }
    }

    /// <summary>Applies an equity mark (a bar close) to every level.</summary>
    public void AddMark(EquityMark mark)
    {
        for (int i = 0; i < _periodLevels.Length; i++)
        {
            Open(_periodLevels[i], mark.Time).AddMark(mark);
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

    /// <summary>Levels this book keeps, finest first: trade, (hourly,) daily through all_time.</summary>
    public IReadOnlyList<BucketLevel> Levels { get; }

    /// <summary>Every level a book can keep: trade through all_time (e.g. to clear a scope's bucket grains).</summary>
    public static IReadOnlyList<BucketLevel> AllLevels { get; } = [BucketLevel.Trade, .. PeriodLevels];
}
