namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// The persisted state of one metrics bucket: plain data with public getters and setters so that
/// System.Text.Json (and the grain storage) can round-trip it. Mutate it only through a
/// <see cref="MetricsAccumulator"/> wrapped around it; the invariants below are the accumulator's.
/// </summary>
/// <remarks>
/// <para>
/// Size: O(1) except <see cref="CompletedDayReturns"/>, which keeps one double per UTC day with marks (about 252 a
/// year, 5,000 for twenty years, ≈ 100 KB of JSON) so that the historical VaR and CVaR stay exact.
/// </para>
/// <para>
/// Daily returns are kept so that a parent can re-base them: the first day's close is kept as an equity
/// (<see cref="FirstDayClose"/>) rather than a return, because that day may have begun in an earlier bucket, and the
/// last day seen is still open (its base is <see cref="PendingDayBase"/>, its close <see cref="LastEquity"/>).
/// Only the days strictly between those two are stored as returns.
/// </para>
/// </remarks>
public sealed class MetricsState
{
    private List<double> _completedDayReturns = [];

    /// <summary>The bucket's period; trades and marks outside it are rejected.</summary>
    public BucketPeriod Period { get; set; }

    /// <summary>Whether the bucket is closed (immutable): further trades, marks and merges throw.</summary>
    public bool IsClosed { get; set; }

    /// <summary>
    /// Equity just before the bucket's first mark, in account currency (the previous mark, or the starting capital
    /// for a scope's first bucket); the base of the first daily return and the initial running peak. Null when
    /// unknown: then the first mark serves as the base.
    /// </summary>
    public decimal? OpeningEquity { get; set; }

    /// <summary>Number of closed trades.</summary>
    public long TradeCount { get; set; }

    /// <summary>Trades with net P&amp;L &gt; 0.</summary>
    public long WinCount { get; set; }

    /// <summary>Trades with net P&amp;L &lt; 0.</summary>
    public long LossCount { get; set; }

    /// <summary>Trades with net P&amp;L exactly 0 (neither wins nor losses, but counted in <see cref="TradeCount"/>).</summary>
    public long BreakevenCount { get; set; }

    /// <summary>Sum of the net P&amp;L of winning trades, ≥ 0.</summary>
    public decimal GrossProfit { get; set; }

    /// <summary>Sum of the net P&amp;L of losing trades, ≤ 0.</summary>
    public decimal GrossLoss { get; set; }

    /// <summary>Sum of trade fees, ≥ 0.</summary>
    public decimal Fees { get; set; }

    /// <summary>Largest net P&amp;L of a winning trade (&gt; 0); null without wins.</summary>
    public decimal? LargestWin { get; set; }

    /// <summary>Most negative net P&amp;L of a losing trade (&lt; 0); null without losses.</summary>
    public decimal? LargestLoss { get; set; }

    /// <summary>Sum of the trades' <see cref="ClosedTrade.Return"/>.</summary>
    public double TradeReturnSum { get; set; }

    /// <summary>Sum of the trades' holding times in ticks (100 ns).</summary>
    public long HoldingTimeTicksSum { get; set; }

    /// <summary>Number of equity marks.</summary>
    public long MarkCount { get; set; }

    /// <summary>Number of equity marks taken while in the market.</summary>
    public long InMarketMarkCount { get; set; }

    /// <summary>Time of the first mark; null without marks.</summary>
    public DateTimeOffset? FirstMarkTime { get; set; }

    /// <summary>Time of the last mark; null without marks.</summary>
    public DateTimeOffset? LastMarkTime { get; set; }

    /// <summary>Equity of the first mark; null without marks.</summary>
    public decimal? FirstEquity { get; set; }

    /// <summary>Equity of the last mark; null without marks.</summary>
    public decimal? LastEquity { get; set; }

    /// <summary>Running peak: the maximum of <see cref="OpeningEquity"/> (when known) and every mark; null when neither exists.</summary>
    public decimal? PeakEquity { get; set; }

    /// <summary>Lowest mark; null without marks.</summary>
    public decimal? MinEquity { get; set; }

    /// <summary>Largest peak-to-mark fall in account currency, max over marks of (running peak − equity), ≥ 0.</summary>
    public decimal MaxDrawdownAmount { get; set; }

    /// <summary>Largest peak-to-mark fall as a fraction of the running peak, max over marks of (1 − equity / running peak), in [0, 1).</summary>
    public double MaxDrawdown { get; set; }

    /// <summary>Equity at the last mark of the first UTC day with marks, once a later day has been seen; null while that day is still the last one.</summary>
    public decimal? FirstDayClose { get; set; }

    /// <summary>Base of the last (still open) day's return: the close of the day before; null while the last day is the first day (then the base is <see cref="OpeningEquity"/>, or <see cref="FirstEquity"/> when that is unknown).</summary>
    public decimal? PendingDayBase { get; set; }

    /// <summary>Simple returns of the days strictly between the first and the last UTC day with marks, oldest first.</summary>
    public List<double> CompletedDayReturns
    {
        get => _completedDayReturns;
        set => _completedDayReturns = value ?? [];
    }

    /// <summary>Moments of <see cref="CompletedDayReturns"/>.</summary>
    public ReturnMoments CompletedDayReturnMoments { get; set; }

    /// <summary>
    /// The benchmark's equity just before the bucket's first mark (as <see cref="OpeningEquity"/> is the scope's);
    /// null when unknown or without a benchmark (the first mark's benchmark equity then serves as the base).
    /// </summary>
    public decimal? BenchmarkOpeningEquity { get; set; }

    /// <summary>Benchmark equity of the first mark; null without marks or when the marks carry no benchmark.</summary>
    public decimal? BenchmarkFirstEquity { get; set; }

    /// <summary>Benchmark equity of the last mark; null without marks or when the marks carry no benchmark.</summary>
    public decimal? BenchmarkLastEquity { get; set; }

    /// <summary>The benchmark's equity at the close of the first UTC day with marks (set with <see cref="FirstDayClose"/>).</summary>
    public decimal? BenchmarkFirstDayClose { get; set; }

    /// <summary>The benchmark's base of the last (still open) day (set with <see cref="PendingDayBase"/>).</summary>
    public decimal? BenchmarkPendingDayBase { get; set; }

    /// <summary>
    /// Co-moments of the paired (scope, benchmark) returns of the days in <see cref="CompletedDayReturns"/>; empty
    /// without a benchmark.
    /// </summary>
    public BenchmarkReturnMoments CompletedDayBenchmarkMoments { get; set; }

    /// <summary>
    /// Resets every field to a new, open bucket's values (as the <see cref="MetricsAccumulator"/> constructor sets
    /// them), keeping the allocated return list. Used to reuse a closed bucket's state once it has been snapshotted.
    /// </summary>
    /// <param name="period">The new bucket's period.</param>
    /// <param name="openingEquity">The new bucket's opening equity (also its initial running peak).</param>
    /// <param name="benchmarkOpeningEquity">The new bucket's opening benchmark equity; null when unknown or without a benchmark.</param>
    internal void Reset(BucketPeriod period, decimal? openingEquity, decimal? benchmarkOpeningEquity = null)
    {
        Period = period;
        IsClosed = false;
        OpeningEquity = openingEquity;
        TradeCount = 0;
        WinCount = 0;
        LossCount = 0;
        BreakevenCount = 0;
        GrossProfit = 0m;
        GrossLoss = 0m;
        Fees = 0m;
        LargestWin = null;
        LargestLoss = null;
        TradeReturnSum = 0;
        HoldingTimeTicksSum = 0;
        MarkCount = 0;
        InMarketMarkCount = 0;
        FirstMarkTime = null;
        LastMarkTime = null;
        FirstEquity = null;
        LastEquity = null;
        PeakEquity = openingEquity;
        MinEquity = null;
        MaxDrawdownAmount = 0m;
        MaxDrawdown = 0;
        FirstDayClose = null;
        PendingDayBase = null;
        _completedDayReturns.Clear();
        CompletedDayReturnMoments = default;
        BenchmarkOpeningEquity = benchmarkOpeningEquity;
        BenchmarkFirstEquity = null;
        BenchmarkLastEquity = null;
        BenchmarkFirstDayClose = null;
        BenchmarkPendingDayBase = null;
        CompletedDayBenchmarkMoments = default;
    }

    /// <summary>A deep copy.</summary>
    /// <returns>A state equal to this one that shares no mutable data with it.</returns>
    public MetricsState Clone()
    {
        var copy = (MetricsState)MemberwiseClone();
        copy._completedDayReturns = [.. _completedDayReturns];
        return copy;
    }
}
