using System.Runtime.CompilerServices;

namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// Incremental performance metrics of one bucket (a scope × <see cref="BucketPeriod"/>). Each trade and each equity
/// mark is applied in O(1) amortised time and O(1) space, except one double per UTC day kept for the exact VaR;
/// nothing is ever recomputed over history. The accumulator is a behaviour wrapped around a serialisable
/// <see cref="MetricsState"/>, which is what a grain persists. Not thread-safe (a grain is single-threaded).
/// </summary>
/// <remarks>
/// <para>
/// Daily returns are simple returns of end-of-day equity: the last mark of each UTC day divided by the last mark of
/// the previous day with marks, minus one. The first day's base is the opening equity (the starting capital for a
/// scope's first bucket, as empyrical prepends a starting value), or the first mark when it is unknown. The last day
/// is included while still open (its return so far), so a snapshot taken mid-day is provisional for that day.
/// In a sub-daily bucket (trade, hourly) the single "day" covers only the bucket's part of the day.
/// </para>
/// <para>
/// Roll-up: <see cref="Merge"/> folds a child bucket (a finer, contained period, e.g. a day into its month) into this
/// one. Merging the children of a period in time order, each exactly once, gives the same figures as feeding this
/// accumulator every event directly: counts and sums add, moments combine by Chan et al., days straddling two
/// children are re-joined from the kept closes, and the drawdown across the boundary is
/// max(parent's, child's, (parent peak − child's lowest mark) / parent peak), which is exact because a child's
/// running peak starts at its opening equity, i.e. at or below the parent's peak.
/// </para>
/// </remarks>
public sealed class MetricsAccumulator
{
    private static readonly double SqrtTradingDays = Math.Sqrt(MetricsConventions.TradingDaysPerYear);

    /// <summary>Snapshots of buckets with at most this many daily returns select VaR over a stack buffer.</summary>
    private const int StackReturns = 64;

    /// <summary>
    /// Relative margin under which a drawdown fraction estimated in <see cref="double"/> is certainly below the
    /// recorded maximum, so the exact <see cref="decimal"/> division can be skipped (see <see cref="ApplyDrawdown"/>).
    /// </summary>
    private const double DrawdownSkipMargin = 1e-12;

    /// <summary>Absolute margin covering the decimal quotient's rounding (at most half a unit of scale 28).</summary>
    private const double DrawdownSkipAbsoluteMargin = 1e-27;

    private readonly MetricsState _state;

    // The period's bounds in UTC ticks, cached for the per-event containment check (BucketPeriod.End computes
    // calendar arithmetic on every call). Recomputed when the state's period is replaced.
    private BucketPeriod _boundsPeriod;
    private long _startTicks;
    private long _endTicks;

    /// <summary>Creates an empty, open accumulator for a new bucket.</summary>
    /// <param name="period">The bucket's period.</param>
    /// <param name="openingEquity">
    /// Equity just before the bucket's first event, in account currency: the scope's last mark before
    /// <see cref="BucketPeriod.Start"/>, or the starting capital for the scope's first bucket. Null when unknown (the
    /// first mark then serves as the base of the first daily return and of the running peak).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openingEquity"/> is not positive.</exception>
    public MetricsAccumulator(BucketPeriod period, decimal? openingEquity)
        : this(period, openingEquity, null)
    {
    }

    /// <summary>Creates an empty, open accumulator for a new bucket of a scope measured against a benchmark.</summary>
    /// <param name="period">The bucket's period.</param>
    /// <param name="openingEquity">As for <see cref="MetricsAccumulator(BucketPeriod, decimal?)"/>.</param>
    /// <param name="benchmarkOpeningEquity">
    /// The benchmark's equity just before the bucket's first event (its last mark before the period, or the starting
    /// capital for the scope's first bucket), account currency; the base of the benchmark's first daily return. Null
    /// when unknown or when the scope has no benchmark.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openingEquity"/> or <paramref name="benchmarkOpeningEquity"/> is not positive.</exception>
    public MetricsAccumulator(BucketPeriod period, decimal? openingEquity, decimal? benchmarkOpeningEquity)
    {
        if (openingEquity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(openingEquity), openingEquity, "Opening equity must be positive.");
        }

        if (benchmarkOpeningEquity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkOpeningEquity), benchmarkOpeningEquity, "Opening benchmark equity must be positive.");
        }

        _state = new MetricsState { Period = period, OpeningEquity = openingEquity, PeakEquity = openingEquity, BenchmarkOpeningEquity = benchmarkOpeningEquity };
    }

    /// <summary>Wraps an existing state (e.g. read from grain storage) without copying it; changes go to that instance.</summary>
    /// <param name="state">The state.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public MetricsAccumulator(MetricsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <summary>The underlying state instance (persist this).</summary>
    public MetricsState State => _state;

    /// <summary>The bucket's period.</summary>
    public BucketPeriod Period => _state.Period;

    /// <summary>Whether the bucket is closed; see <see cref="Close"/>.</summary>
    public bool IsClosed => _state.IsClosed;

    /// <summary>Time of the last mark applied or merged; null without marks. Marks at or before it are rejected, so a grain can use it to drop redelivered marks.</summary>
    public DateTimeOffset? LastMarkTime => _state.LastMarkTime;

    /// <summary>
    /// The equity the next bucket of the same scope opens with: the last mark, or the opening equity when there is
    /// no mark; null when neither is known.
    /// </summary>
    public decimal? ClosingEquity => _state.LastEquity ?? _state.OpeningEquity;

    /// <summary>
    /// The benchmark equity the next bucket of the same scope opens with: the last mark's benchmark equity, or the
    /// opening benchmark equity when there is no mark; null when neither is known (or without a benchmark).
    /// </summary>
    public decimal? ClosingBenchmarkEquity => _state.MarkCount > 0 ? _state.BenchmarkLastEquity : _state.BenchmarkOpeningEquity;

    /// <summary>Applies a closed round-trip trade. O(1).</summary>
    /// <param name="trade">The trade; it belongs to this bucket when its exit time lies in <see cref="Period"/>.</param>
    /// <exception cref="InvalidOperationException">The bucket is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The exit time lies outside the period.</exception>
    /// <exception cref="ArgumentException">The exit precedes the entry, the fees are negative, or the return is not finite.</exception>
    /// <exception cref="OverflowException">The summed holding time exceeds <see cref="long.MaxValue"/> ticks (about 29,000 years).</exception>
    public void AddTrade(ClosedTrade trade)
    {
        ThrowIfClosed();
        if (!PeriodContains(trade.ExitTime))
        {
            throw new ArgumentOutOfRangeException(nameof(trade), trade.ExitTime, $"The trade's exit time is outside the bucket {_state.Period}.");
        }

        if (trade.ExitTime < trade.EntryTime)
        {
            throw new ArgumentException($"The trade exits ({trade.ExitTime:O}) before it enters ({trade.EntryTime:O}).", nameof(trade));
        }

        if (trade.Fees < 0m)
        {
            throw new ArgumentException($"Trade fees must not be negative, were {trade.Fees}.", nameof(trade));
        }

        if (!double.IsFinite(trade.Return))
        {
            throw new ArgumentException($"The trade's return must be finite, was {trade.Return}.", nameof(trade));
        }

        var s = _state;
        s.TradeCount++;
        if (trade.NetPnl > 0m)
        {
            s.WinCount++;
            s.GrossProfit += trade.NetPnl;
            s.LargestWin = s.LargestWin is { } w && w >= trade.NetPnl ? w : trade.NetPnl;
        }
        else if (trade.NetPnl < 0m)
        {
            s.LossCount++;
            s.GrossLoss += trade.NetPnl;
            s.LargestLoss = s.LargestLoss is { } l && l <= trade.NetPnl ? l : trade.NetPnl;
        }
        else
        {
            s.BreakevenCount++;
        }

        s.Fees += trade.Fees;
        s.TradeReturnSum += trade.Return;
        s.HoldingTimeTicksSum = checked(s.HoldingTimeTicksSum + trade.HoldingTime.Ticks);
    }

    /// <summary>Applies an equity mark. O(1) amortised (a day change appends one return).</summary>
    /// <param name="mark">The mark; its time must lie in <see cref="Period"/> and after the previous mark.</param>
    /// <exception cref="InvalidOperationException">The bucket is closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time lies outside the period, or the equity (or the benchmark equity) is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// The time is not after the previous mark's time, or the mark carries a benchmark equity while the bucket's
    /// earlier marks did not (or the reverse).
    /// </exception>
    public void AddMark(EquityMark mark)
    {
        ThrowIfClosed();
        if (!PeriodContains(mark.Time))
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark.Time, $"The mark's time is outside the bucket {_state.Period}.");
        }

        if (mark.Equity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark.Equity, "Equity must be positive.");
        }

        if (mark.BenchmarkEquity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark.BenchmarkEquity, "Benchmark equity must be positive.");
        }

        var s = _state;
        if (s.LastMarkTime is { } last)
        {
            if (mark.Time <= last)
            {
                throw new ArgumentException($"Marks must be in strictly increasing time order: {mark.Time:O} is not after {last:O}.", nameof(mark));
            }

            if (mark.BenchmarkEquity.HasValue != s.BenchmarkLastEquity.HasValue)
            {
                throw new ArgumentException("Within a bucket every mark carries a benchmark equity or none does.", nameof(mark));
            }

            if (UtcDayNumber(mark.Time) != UtcDayNumber(last))
            {
                CloseDay(s.LastEquity!.Value, s.BenchmarkLastEquity);
            }
        }
        else
        {
            s.FirstMarkTime = mark.Time;
            s.FirstEquity = mark.Equity;
            s.BenchmarkFirstEquity = mark.BenchmarkEquity;
        }

        decimal peak = s.PeakEquity is { } p && p >= mark.Equity ? p : mark.Equity;
        s.PeakEquity = peak;
        s.MinEquity = s.MinEquity is { } m && m <= mark.Equity ? m : mark.Equity;
        ApplyDrawdown(peak, mark.Equity);
        s.LastEquity = mark.Equity;
        s.BenchmarkLastEquity = mark.BenchmarkEquity;
        s.LastMarkTime = mark.Time;
        s.MarkCount++;
        if (mark.InMarket)
        {
            s.InMarketMarkCount++;
        }
    }

    /// <summary>
    /// Folds a child bucket's trades and marks into this bucket, as if each of its events had been applied here
    /// directly. The child is not modified and may itself be open (for a live preview, merge into a
    /// <see cref="Clone"/>). O(1) plus the child's number of stored daily returns.
    /// </summary>
    /// <remarks>
    /// Children must be merged in time order and each exactly once; a child must start with the equity this bucket
    /// ended with. Those rules are checked where the data allow it (period containment, mark order, opening equity),
    /// but a repeated child without marks cannot be detected.
    /// </remarks>
    /// <param name="child">A bucket of a finer level whose period lies inside this bucket's period.</param>
    /// <exception cref="InvalidOperationException">This bucket is closed.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="child"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The child is this accumulator, is not of a finer level, lies outside this period, has a mark not after this
    /// bucket's last mark, or has an opening equity that differs from this bucket's last (or opening) equity.
    /// </exception>
    public void Merge(MetricsAccumulator child)
    {
        ThrowIfClosed();
        ArgumentNullException.ThrowIfNull(child);
        var s = _state;
        var c = child._state;
        if (ReferenceEquals(c, s))
        {
            throw new ArgumentException("A bucket cannot be merged into itself.", nameof(child));
        }

        if (c.Period.Level >= s.Period.Level || !s.Period.Contains(c.Period))
        {
            throw new ArgumentException($"The child {c.Period} is not a finer period inside {s.Period}.", nameof(child));
        }

        if (c.MarkCount > 0 && s.LastMarkTime is { } last && c.FirstMarkTime <= last)
        {
            throw new ArgumentException(
                $"The child's first mark ({c.FirstMarkTime:O}) is not after this bucket's last mark ({last:O}); merge children in time order, each once.", nameof(child));
        }

        if (c.OpeningEquity is { } childOpening && (s.LastEquity ?? s.OpeningEquity) is { } ours && childOpening != ours)
        {
            throw new ArgumentException(
                $"The child opens at equity {childOpening} but this bucket stands at {ours}; merge children in time order, each once.", nameof(child));
        }

        if (c.BenchmarkOpeningEquity is { } childBenchmarkOpening && ClosingBenchmarkEquity is { } ourBenchmark && childBenchmarkOpening != ourBenchmark)
        {
            throw new ArgumentException(
                $"The child opens at benchmark equity {childBenchmarkOpening} but this bucket's benchmark stands at {ourBenchmark}; merge children in time order, each once.", nameof(child));
        }

        if (c.MarkCount > 0 && s.MarkCount > 0 && c.BenchmarkFirstEquity.HasValue != s.BenchmarkLastEquity.HasValue)
        {
            throw new ArgumentException("Within a bucket every mark carries a benchmark equity or none does; the child differs from this bucket.", nameof(child));
        }

        MergeTrades(c);
        if (c.MarkCount == 0)
        {
            if (s.MarkCount == 0 && s.OpeningEquity is null && c.OpeningEquity is { } opening)
            {
                s.OpeningEquity = opening;
                s.PeakEquity = opening;
            }

            if (s.MarkCount == 0 && s.BenchmarkOpeningEquity is null)
            {
                s.BenchmarkOpeningEquity = c.BenchmarkOpeningEquity;
            }

            return;
        }

        if (s.MarkCount == 0)
        {
            if (s.OpeningEquity is null && c.OpeningEquity is { } opening)
            {
                s.OpeningEquity = opening;
            }

            if (s.BenchmarkOpeningEquity is null)
            {
                s.BenchmarkOpeningEquity = c.BenchmarkOpeningEquity;
            }

            s.FirstMarkTime = c.FirstMarkTime;
            s.FirstEquity = c.FirstEquity;
            s.FirstDayClose = c.FirstDayClose;
            s.PendingDayBase = c.PendingDayBase;
            s.CompletedDayReturns = [.. c.CompletedDayReturns];
            s.CompletedDayReturnMoments = c.CompletedDayReturnMoments;
            s.BenchmarkFirstEquity = c.BenchmarkFirstEquity;
            s.BenchmarkFirstDayClose = c.BenchmarkFirstDayClose;
            s.BenchmarkPendingDayBase = c.BenchmarkPendingDayBase;
            s.CompletedDayBenchmarkMoments = c.CompletedDayBenchmarkMoments;
        }
        else
        {
            bool sameDay = UtcDayNumber(c.FirstMarkTime!.Value) == UtcDayNumber(s.LastMarkTime!.Value);
            if (!sameDay)
            {
                // Our last day ends here; the child's first day is based on our last equity.
                CloseDay(s.LastEquity!.Value, s.BenchmarkLastEquity);
            }

            if (c.FirstDayClose is { } childFirstClose)
            {
                // The child saw its first day end: close that day (ours when it straddles), then take the child's
                // inner days and its still-open last day.
                CloseDay(childFirstClose, c.BenchmarkFirstDayClose);
                s.CompletedDayReturns.AddRange(c.CompletedDayReturns);
                s.CompletedDayReturnMoments = ReturnMoments.Combine(s.CompletedDayReturnMoments, c.CompletedDayReturnMoments);
                s.CompletedDayBenchmarkMoments = BenchmarkReturnMoments.Combine(s.CompletedDayBenchmarkMoments, c.CompletedDayBenchmarkMoments);
                s.PendingDayBase = c.PendingDayBase;
                s.BenchmarkPendingDayBase = c.BenchmarkPendingDayBase;
            }
        }

        // Drawdown across the boundary: the child's marks measured against our running peak.
        if (s.PeakEquity is { } ourPeak)
        {
            ApplyDrawdown(ourPeak, c.MinEquity!.Value);
        }

        s.PeakEquity = s.PeakEquity is { } p && p >= c.PeakEquity!.Value ? p : c.PeakEquity;
        s.MinEquity = s.MinEquity is { } m && m <= c.MinEquity!.Value ? m : c.MinEquity;
        if (c.MaxDrawdownAmount > s.MaxDrawdownAmount)
        {
            s.MaxDrawdownAmount = c.MaxDrawdownAmount;
        }

        if (c.MaxDrawdown > s.MaxDrawdown)
        {
            s.MaxDrawdown = c.MaxDrawdown;
        }

        s.LastEquity = c.LastEquity;
        s.BenchmarkLastEquity = c.BenchmarkLastEquity;
        s.LastMarkTime = c.LastMarkTime;
        s.MarkCount += c.MarkCount;
        s.InMarketMarkCount += c.InMarketMarkCount;
    }

    /// <summary>
    /// Turns this accumulator into an empty, open bucket for <paramref name="period"/>, exactly as
    /// <c>new MetricsAccumulator(period, openingEquity)</c> would be, reusing its state instance. Only for an owner
    /// that holds the sole reference to the state (e.g. <see cref="Engine.MetricsBook"/> after snapshotting a closed bucket).
    /// </summary>
    /// <param name="period">The new bucket's period.</param>
    /// <param name="openingEquity">As for the constructor.</param>
    /// <param name="benchmarkOpeningEquity">As for the constructor; null without a benchmark.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openingEquity"/> or <paramref name="benchmarkOpeningEquity"/> is not positive.</exception>
    internal void Reopen(BucketPeriod period, decimal? openingEquity, decimal? benchmarkOpeningEquity = null)
    {
        if (openingEquity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(openingEquity), openingEquity, "Opening equity must be positive.");
        }

        if (benchmarkOpeningEquity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(benchmarkOpeningEquity), benchmarkOpeningEquity, "Opening benchmark equity must be positive.");
        }

        _state.Reset(period, openingEquity, benchmarkOpeningEquity);
    }

    /// <summary>Closes the bucket: its figures become final and every later <see cref="AddTrade"/>, <see cref="AddMark"/> or <see cref="Merge"/> throws. Idempotent.</summary>
    public void Close() => _state.IsClosed = true;

    /// <summary>A deep copy with its own state (e.g. to preview a parent merged with its open child).</summary>
    /// <returns>An independent accumulator with equal state.</returns>
    public MetricsAccumulator Clone() => new(_state.Clone());

    /// <summary>
    /// The daily returns in time order (see the type remarks), including the still-open last day. O(days).
    /// </summary>
    /// <returns>A new array; empty without marks.</returns>
    public double[] GetDailyReturns()
    {
        int count = DailyReturnCount;
        if (count == 0)
        {
            return [];
        }

        var returns = new double[count];
        FillDailyReturns(returns);
        return returns;
    }

    /// <summary>Number of daily returns <see cref="GetDailyReturns"/> gives: 0 without marks, else the stored days plus the first and the open last day.</summary>
    private int DailyReturnCount =>
        _state.MarkCount == 0 ? 0 : _state.FirstDayClose is null ? 1 : _state.CompletedDayReturns.Count + 2;

    /// <summary>Writes the daily returns into <paramref name="returns"/>, whose length is <see cref="DailyReturnCount"/> (at least 1).</summary>
    private void FillDailyReturns(Span<double> returns)
    {
        var s = _state;
        decimal firstBase = s.OpeningEquity ?? s.FirstEquity!.Value;
        if (s.FirstDayClose is not { } firstClose)
        {
            returns[0] = SimpleReturn(s.LastEquity!.Value, firstBase);
            return;
        }

        returns[0] = SimpleReturn(firstClose, firstBase);
        s.CompletedDayReturns.CopyTo(returns[1..^1]);
        returns[^1] = SimpleReturn(s.LastEquity!.Value, s.PendingDayBase!.Value);
    }

    /// <summary>
    /// Computes the figures. O(1) for everything but VaR and CVaR, which select over the kept daily returns in O(days).
    /// </summary>
    /// <returns>The snapshot; see <see cref="MetricsSnapshot"/> for each figure's definition and null rule.</returns>
    public MetricsSnapshot ToSnapshot()
    {
        var s = _state;
        long trades = s.TradeCount;
        decimal net = s.GrossProfit + s.GrossLoss;

        int dayCount = DailyReturnCount;
        double[]? rented = null;
        Span<double> dailyReturns = dayCount <= StackReturns
            ? stackalloc double[StackReturns]
            : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(dayCount));
        dailyReturns = dailyReturns[..dayCount];
        if (dayCount > 0)
        {
            FillDailyReturns(dailyReturns);
        }

        var moments = s.CompletedDayReturnMoments;
        if (dailyReturns.Length > 0)
        {
            if (s.FirstDayClose is not null)
            {
                moments = moments.Add(dailyReturns[0]);
            }

            moments = moments.Add(dailyReturns[^1]);
        }

        long n = moments.Count;
        double? mean = n > 0 ? moments.Mean : null;
        double? sd = moments.SampleStandardDeviation;
        double? downsideRisk = moments.DownsideDeviation * SqrtTradingDays;
        decimal? start = s.OpeningEquity ?? s.FirstEquity;
        decimal? end = s.MarkCount > 0 ? s.LastEquity : null;
        double? growth = end is { } e && start is { } st ? (double)Divide(e, st) : null;
        double? cagr = n > 0 && growth is { } g ? Power(g, (double)MetricsConventions.TradingDaysPerYear / n) - 1 : null;
        double? maxDrawdown = s.MarkCount > 0 ? s.MaxDrawdown : null;

        // Benchmark (off the common path): the first and the open last day of the paired series, as for the moments above.
        var benchmark = s.MarkCount > 0 && s.BenchmarkLastEquity is not null
            ? ComputeBenchmark(dailyReturns[0], dailyReturns[^1])
            : default;

        // VaR selects in place (reorders the span), so it comes after every use of the first and last day.
        (double Var, double CVar)? risk = n > 0 ? HistoricalRisk.Compute(dailyReturns, MetricsConventions.ValueAtRiskTail) : null;
        if (rented is not null)
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }

        return new MetricsSnapshot
        {
            Period = s.Period,
            IsClosed = s.IsClosed,
            Trades = trades,
            Wins = s.WinCount,
            Losses = s.LossCount,
            Breakevens = s.BreakevenCount,
            WinRate = trades > 0 ? (double)s.WinCount / trades : null,
            GrossProfit = s.GrossProfit,
            GrossLoss = s.GrossLoss,
            ProfitFactor = s.LossCount > 0 ? (double)(s.GrossProfit / -s.GrossLoss) : null,
            RealizedPnl = net,
            Fees = s.Fees,
            AverageWin = s.WinCount > 0 ? s.GrossProfit / s.WinCount : null,
            AverageLoss = s.LossCount > 0 ? s.GrossLoss / s.LossCount : null,
            Expectancy = trades > 0 ? net / trades : null,
            LargestWin = s.LargestWin,
            LargestLoss = s.LargestLoss,
            AverageTradeReturn = trades > 0 ? s.TradeReturnSum / trades : null,
            AverageHoldingTime = trades > 0 ? TimeSpan.FromTicks(s.HoldingTimeTicksSum / trades) : null,
            Marks = s.MarkCount,
            LastMarkTime = s.LastMarkTime,
            StartEquity = start,
            EndEquity = end,
            PeakEquity = s.MarkCount > 0 ? s.PeakEquity : null,
            MaxDrawdownAmount = s.MarkCount > 0 ? s.MaxDrawdownAmount : null,
            MaxDrawdown = maxDrawdown,
            Exposure = s.MarkCount > 0 ? (double)s.InMarketMarkCount / s.MarkCount : null,
            DailyReturnMoments = moments,
            MeanDailyReturn = mean,
            Volatility = sd * SqrtTradingDays,
            DownsideRisk = downsideRisk,
            Sharpe = sd is > 0 ? mean / sd * SqrtTradingDays : null,
            Sortino = moments.DownsideSumOfSquares > 0 ? mean * MetricsConventions.TradingDaysPerYear / downsideRisk : null,
            TotalReturn = growth - 1,
            Cagr = cagr,
            Calmar = maxDrawdown is > 0 ? cagr / maxDrawdown : null,
            ValueAtRisk95 = risk?.Var,
            ConditionalValueAtRisk95 = risk?.CVar,
            NetPnl = end - start,
            BenchmarkTotalReturn = benchmark.Growth - 1,
            Alpha = benchmark.Figures.Alpha,
            Beta = benchmark.Figures.Beta,
            Correlation = benchmark.Figures.Correlation,
            TrackingError = benchmark.Figures.TrackingError,
            InformationRatio = benchmark.Figures.InformationRatio,
            UpCapture = benchmark.Figures.UpCapture,
            DownCapture = benchmark.Figures.DownCapture,
            ExcessReturn = (growth - 1) - (benchmark.Growth - 1),
        };
    }

    /// <summary>
    /// The benchmark's growth (end / start) and relative figures, from the stored paired days plus the first and the
    /// open last day (whose scope returns are <paramref name="firstReturn"/> and <paramref name="lastReturn"/>, equal
    /// when there is one day). Only for a bucket with marks that carry a benchmark.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (double? Growth, BenchmarkRelative.Figures Figures) ComputeBenchmark(double firstReturn, double lastReturn)
    {
        var s = _state;
        decimal benchmarkLast = s.BenchmarkLastEquity!.Value;
        var pairs = s.CompletedDayBenchmarkMoments;
        decimal benchmarkBase = s.BenchmarkOpeningEquity ?? s.BenchmarkFirstEquity!.Value;
        if (s.BenchmarkFirstDayClose is { } benchmarkFirstClose)
        {
            pairs = pairs.Add(firstReturn, SimpleReturn(benchmarkFirstClose, benchmarkBase));
            pairs = pairs.Add(lastReturn, SimpleReturn(benchmarkLast, s.BenchmarkPendingDayBase!.Value));
        }
        else
        {
            pairs = pairs.Add(lastReturn, SimpleReturn(benchmarkLast, benchmarkBase));
        }

        return ((double)Divide(benchmarkLast, benchmarkBase), BenchmarkRelative.Compute(pairs));
    }

    private void MergeTrades(MetricsState c)
    {
        var s = _state;
        s.TradeCount += c.TradeCount;
        s.WinCount += c.WinCount;
        s.LossCount += c.LossCount;
        s.BreakevenCount += c.BreakevenCount;
        s.GrossProfit += c.GrossProfit;
        s.GrossLoss += c.GrossLoss;
        s.Fees += c.Fees;
        if (c.LargestWin is { } cw && (s.LargestWin is not { } sw || cw > sw))
        {
            s.LargestWin = cw;
        }

        if (c.LargestLoss is { } cl && (s.LargestLoss is not { } sl || cl < sl))
        {
            s.LargestLoss = cl;
        }

        s.TradeReturnSum += c.TradeReturnSum;
        s.HoldingTimeTicksSum = checked(s.HoldingTimeTicksSum + c.HoldingTimeTicksSum);
    }

    /// <summary>
    /// Ends the current last day at <paramref name="close"/> (and the benchmark's at <paramref name="benchmarkClose"/>,
    /// null without a benchmark) and opens the next one based on them.
    /// </summary>
    private void CloseDay(decimal close, decimal? benchmarkClose)
    {
        var s = _state;
        if (s.FirstDayClose is null)
        {
            s.FirstDayClose = close;
            s.BenchmarkFirstDayClose = benchmarkClose;
        }
        else
        {
            double r = SimpleReturn(close, s.PendingDayBase!.Value);
            s.CompletedDayReturns.Add(r);
            s.CompletedDayReturnMoments = s.CompletedDayReturnMoments.Add(r);
            if (benchmarkClose is { } bc)
            {
                s.CompletedDayBenchmarkMoments = s.CompletedDayBenchmarkMoments.Add(r, SimpleReturn(bc, s.BenchmarkPendingDayBase!.Value));
            }
        }

        s.PendingDayBase = close;
        s.BenchmarkPendingDayBase = benchmarkClose;
    }

    private void ApplyDrawdown(decimal peak, decimal equity)
    {
        if (equity >= peak)
        {
            return;
        }

        var s = _state;
        decimal amount = peak - equity;
        if (amount > s.MaxDrawdownAmount)
        {
            s.MaxDrawdownAmount = amount;
        }

        // The exact fraction is (double)(amount / peak) with the division in decimal. When a double estimate is below
        // the recorded maximum by far more than the estimate's rounding error (a few ulps, relative) and the decimal
        // quotient's (at most 0.5e-28 absolute plus ~1e-28 relative) and its conversion to double (an ulp or so), the
        // exact fraction is below the maximum too and cannot change it: skip the division.
        double recorded = s.MaxDrawdown;
        if (recorded > 0 && (double)amount / (double)peak < (recorded * (1 - DrawdownSkipMargin)) - DrawdownSkipAbsoluteMargin)
        {
            return;
        }

        double fraction = (double)Divide(amount, peak);
        if (fraction > s.MaxDrawdown)
        {
            s.MaxDrawdown = fraction;
        }
    }

    private void ThrowIfClosed()
    {
        if (_state.IsClosed)
        {
            throw new InvalidOperationException($"The metrics bucket {_state.Period} is closed.");
        }
    }

    private static double SimpleReturn(decimal close, decimal previousClose) => (double)(Divide(close, previousClose) - 1m);

    /// <summary>The UTC calendar day of <paramref name="time"/> as a day number (days since 0001-01-01).</summary>
    private static long UtcDayNumber(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerDay;

    /// <summary><c>dividend / divisor</c> in decimal, through <see cref="QuotientCache"/>.</summary>
    private static decimal Divide(decimal dividend, decimal divisor) => (QuotientCache.Current ??= new QuotientCache()).Divide(dividend, divisor);

    /// <summary><see cref="Math.Pow"/>, remembering the last call on this thread (sibling buckets closing together ask for the same power).</summary>
    private static double Power(double x, double y) => (QuotientCache.Current ??= new QuotientCache()).Power(x, y);

    /// <summary>Whether <paramref name="time"/> lies in the period (<see cref="BucketPeriod.Contains(DateTimeOffset)"/>), by ticks against cached bounds.</summary>
    /// <param name="time">The instant.</param>
    /// <returns>True when the instant is inside the period.</returns>
    internal bool PeriodContains(DateTimeOffset time)
    {
        var period = _state.Period;
        if (period.Level == BucketLevel.AllTime)
        {
            return true;
        }

        if (period != _boundsPeriod || _endTicks == 0)
        {
            _startTicks = period.Start.UtcTicks;
            _endTicks = period.End.UtcTicks;
            _boundsPeriod = period;
        }

        long ticks = time.UtcTicks;
        return ticks >= _startTicks && ticks < _endTicks;
    }

    /// <summary>
    /// A per-thread memo of the last few decimal quotients, keyed by the operands' exact representation (mantissa,
    /// scale and sign, not just value), so a hit returns exactly what the division would. On a mark the same division
    /// recurs across levels: a day change computes the same return for every level whose last day had the same base,
    /// and the hourly and daily buckets closing on the same bar compute the same return, growth and drawdown.
    /// </summary>
    private sealed class QuotientCache
    {
        private const int Size = 4;

        [ThreadStatic]
        internal static QuotientCache? Current;

        private readonly decimal[] _dividends = new decimal[Size];
        private readonly decimal[] _divisors = new decimal[Size];
        private readonly decimal[] _quotients = new decimal[Size];
        private int _used;
        private int _next;
        private bool _hasPower;
        private double _powX;
        private double _powY;
        private double _powResult;

        public decimal Divide(decimal dividend, decimal divisor)
        {
            for (int i = 0; i < _used; i++)
            {
                if (SameBits(_dividends[i], dividend) && SameBits(_divisors[i], divisor))
                {
                    return _quotients[i];
                }
            }

            decimal quotient = dividend / divisor;
            _dividends[_next] = dividend;
            _divisors[_next] = divisor;
            _quotients[_next] = quotient;
            _next = (_next + 1) % Size;
            if (_used < Size)
            {
                _used++;
            }

            return quotient;
        }

        public double Power(double x, double y)
        {
            // Bitwise equality, so -0 and +0 stay apart.
            if (!_hasPower
                || BitConverter.DoubleToInt64Bits(x) != BitConverter.DoubleToInt64Bits(_powX)
                || BitConverter.DoubleToInt64Bits(y) != BitConverter.DoubleToInt64Bits(_powY))
            {
                _powResult = Math.Pow(x, y);
                _powX = x;
                _powY = y;
                _hasPower = true;
            }

            return _powResult;
        }

        private static bool SameBits(decimal a, decimal b)
        {
            ref ulong x = ref Unsafe.As<decimal, ulong>(ref a);
            ref ulong y = ref Unsafe.As<decimal, ulong>(ref b);
            return x == y && Unsafe.Add(ref x, 1) == Unsafe.Add(ref y, 1);
        }
    }
}
