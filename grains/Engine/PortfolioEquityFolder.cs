using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// Folds the strategies' <see cref="StrategyUpdated"/> events into portfolio equity marks and trades, in time order,
/// behind a watermark.
/// <para>
/// <b>Marks.</b> The portfolio mark at time t is Σ over members of the member's equity at t, where a member without a
/// point at t contributes its latest equity at or before t (its starting capital before its first point). A mark at t
/// is final only once every <i>running</i> member has reported a point at or after t, so marks are emitted for every
/// point time up to the watermark W = min over running members of their last reported point time (a running member
/// that has reported nothing yet holds W at −∞; with no running member W = +∞). Paused, stopped and created members
/// receive no bars and do not block; they contribute their latest equity. Points arrive per member in time order.
/// Pending points and trades are kept in a calendar: per distinct pending time, the members with a point there and
/// the members with a trade exiting there, and a binary heap of the distinct times. A point costs O(1) expected (a
/// dictionary look-up, a list append and the running sum's update); a new distinct time costs O(log d) for d pending
/// times, shared by every member with a point at that time (all of them when they trade the same bars). The watermark
/// costs O(log k) per update (a sorted set of the k running members' last times).
/// </para>
/// <para>
/// <b>Trades.</b> Closed trades are emitted at their exit time, merged with the marks. A mark is labelled with its
/// bar's open time, and fills happen at a bar's open, so a trade whose exit time equals a mark's time comes before the
/// mark, as in <see cref="StrategyEngine"/> (fill at the open, mark at the close). For the same reason a member is in
/// the market at a mark time t when one of its trades has entry ≤ t &lt; exit (or entry ≤ t while open), exactly when
/// the engine marks <c>InMarket</c> (a position held at the bar's close); the trade is the member's next unfolded one or
/// its currently open one. The portfolio mark is in the market when any member is.
/// </para>
/// <para>
/// <b>Membership, capital and cash flows.</b> The portfolio is every live strategy, like a fund holding them. It starts
/// at its first emitted event (trade or mark): <c>onStart</c> receives the opening equity Σ of the members' starting
/// capital, which is the metrics' initial capital, and that many units are issued (unit value 1). A strategy created
/// after the start joins with its starting capital as a <b>deposit</b>: units are issued at the current unit value
/// (<see cref="UnitValue"/> = Σ members' latest folded equity / units), so the deposit adds equity but no return. A
/// member deleted after the start is a <b>withdrawal</b> of its last folded equity at the unit value (units redeemed);
/// a member deleted before the start is dropped. So the marks' equity is always Σ of the live strategies' latest equity
/// (what <see cref="PortfolioTotals"/> sums) while the returns, drawdown and ratios of the metrics are time-weighted:
/// the metrics are fed <see cref="IndexEquity"/>, the opening equity grown by the unit value, which equals the money
/// equity until the first deposit or withdrawal.
/// </para>
/// <para>
/// <b>Clocks.</b> Strategies may trade instruments whose bars are at different simulated times (a strategy created on
/// a second instrument replaying an older period). A mark at t needs every running member at or past t, so a running
/// member behind the last mark holds the curve: its points up to the last mark update its contribution without marks
/// of their own (late events), and marks resume, with its equity included, once it passes the last mark.
/// </para>
/// <para>
/// <b>Late and repeated events.</b> A point not after the member's last received point, or a trade not after its last
/// received trade exit, is a repeat (e.g. a re-published history) and is dropped. A point of a non-running member at
/// or before the last mark (possible only for a member that was not running while the others moved on) updates the
/// member's contribution without a mark of its own; such a trade is left out of the metrics (it would fall into a
/// closed period). <see cref="LateEvents"/> counts both.
/// </para>
/// <para>
/// <b>Benchmark.</b> Each mark also carries the portfolio's benchmark equity: Σ over the same members of their
/// benchmark equity at t (each member's buy-and-hold benchmark, see <see cref="EquityPoint.BenchmarkEquity"/>), folded
/// exactly like the equity (the starting capital before a member's first point, the last value of a retired member).
/// A point without a benchmark equity counts the member's own equity as its benchmark.
/// </para>
/// </summary>
public sealed class PortfolioEquityFolder
{
    private readonly Action<decimal> _onStart;
    private readonly Action<ClosedTrade> _onTrade;
    private readonly Action<EquityMark> _onMark;
    private readonly Dictionary<StrategyId, PortfolioMember> _members = [];
    private readonly Dictionary<DateTimeOffset, List<(PortfolioMember Member, decimal Equity, decimal Benchmark)>> _pointsAt = [];
    private readonly Dictionary<DateTimeOffset, List<PortfolioMember>> _tradesAt = [];
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> _times = new();
    private readonly SortedSet<(DateTimeOffset Time, int Order)> _running = [];
    private int _nextOrder;
    private int _inMarket;
    private decimal _sum;
    private decimal _units;

    // OpeningEquity / _units, recomputed at each deposit or withdrawal: exactly 1 until the first one, so that the index
    // equity is then exactly the money equity (no rounding from a division).
    private decimal _indexFactor = 1m;
    private decimal _benchmarkSum;
    private decimal _benchmarkUnits;

    // OpeningEquity / _benchmarkUnits, as _indexFactor for the benchmark.
    private decimal _benchmarkIndexFactor = 1m;
    private DateTimeOffset? _lastEventTime;

    /// <summary>Creates a folder that reports to the given callbacks, called synchronously from <see cref="Advance"/>.</summary>
    /// <param name="onStart">Called once, before the first trade or mark, with the opening equity (Σ members' starting capital, account currency).</param>
    /// <param name="onTrade">Receives each member's closed trade at its exit time, in time order.</param>
    /// <param name="onMark">Receives each portfolio mark (Σ members' equity, with Σ members' benchmark equity), strictly increasing in time.</param>
    public PortfolioEquityFolder(Action<decimal> onStart, Action<ClosedTrade> onTrade, Action<EquityMark> onMark)
    {
        ArgumentNullException.ThrowIfNull(onStart);
        ArgumentNullException.ThrowIfNull(onTrade);
        ArgumentNullException.ThrowIfNull(onMark);
        _onStart = onStart;
        _onTrade = onTrade;
        _onMark = onMark;
    }

    /// <summary>Whether the first event was emitted (membership is then fixed).</summary>
    public bool Started { get; private set; }

    /// <summary>Σ of the members' starting capital at the start (account currency); null before it.</summary>
    public decimal? OpeningEquity { get; private set; }

    /// <summary>Units outstanding: the opening equity at the start, then moved by deposits and withdrawals at <see cref="UnitValue"/>. 0 before the start.</summary>
    public decimal Units => _units;

    /// <summary>Σ members' latest folded equity per unit (1 at the start); 1 before the start or while no unit is outstanding.</summary>
    public decimal UnitValue => _units > 0m ? _sum / _units : 1m;

    /// <summary>
    /// The opening equity grown by the time-weighted return so far (<see cref="OpeningEquity"/> × <see cref="UnitValue"/>):
    /// the equity the metrics are fed, equal to <see cref="Equity"/> until the first deposit or withdrawal. Null before the start.
    /// </summary>
    public decimal? IndexEquity => OpeningEquity is null ? null : _indexFactor == 1m ? _sum : _sum * _indexFactor;

    /// <summary>
    /// The members' summed benchmark equity on the same time-weighted index as <see cref="IndexEquity"/> (the opening
    /// equity grown by the benchmark's unit value); null before the start.
    /// </summary>
    public decimal? BenchmarkIndexEquity => OpeningEquity is null ? null : _benchmarkIndexFactor == 1m ? _benchmarkSum : _benchmarkSum * _benchmarkIndexFactor;

    /// <summary>Σ members' latest folded equity (money): the equity of the last mark once emitted.</summary>
    public decimal Equity => _sum;

    /// <summary>Time of the last emitted mark: marks are final up to it. Null before the first mark.</summary>
    public DateTimeOffset? LastMarkTime { get; private set; }

    /// <summary>Members (strategies folded into the marks), retired ones included.</summary>
    public int Members => _members.Count;

    /// <summary>Points and trades that arrived behind the last emitted event (see the class remarks).</summary>
    public long LateEvents { get; private set; }

    /// <summary>
    /// The watermark: marks up to this time can be emitted. <see cref="DateTimeOffset.MinValue"/> while a running member
    /// has reported nothing, <see cref="DateTimeOffset.MaxValue"/> when no member is running.
    /// </summary>
    public DateTimeOffset Watermark => _running.Count > 0 ? _running.Min.Time : DateTimeOffset.MaxValue;

    /// <summary>
    /// Registers a strategy known to exist (e.g. listed in the strategy directory when the portfolio subscribes after
    /// strategies were created, as after a restart) as a member before its first update, so that it is not taken for
    /// a strategy created after the start. Until its first update it blocks like a running strategy that has reported
    /// nothing, and contributes nothing; the first update brings its starting capital and status.
    /// </summary>
    /// <returns>False when the strategy is already known or the portfolio has started.</returns>
    public bool Expect(StrategyId id)
    {
        if (Started || _members.ContainsKey(id))
        {
            return false;
        }

        var member = new PortfolioMember(id, _nextOrder++, 0m) { Placeholder = true };
        _members.Add(id, member);
        SetRunning(member, true);
        return true;
    }

    /// <summary>
    /// Takes one strategy update: queues its new points and closed trades and records its status. Call
    /// <see cref="Advance"/> afterwards (once per batch of updates is enough).
    /// </summary>
    /// <returns>False when the update was ignored: a strategy first seen after the start, or a re-created retired one.</returns>
    public bool Apply(StrategyUpdated update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!_members.TryGetValue(update.Id, out var member))
        {
            if (update.Status == StrategyStatus.None)
            {
                return false;
            }

            member = new PortfolioMember(update.Id, _nextOrder++, update.InitialCapital);
            _members.Add(update.Id, member);
            Deposit(member.Current, member.CurrentBenchmark);
        }

        if (member.Removed)
        {
            return false; // deleted after the start (still known): a re-created strategy of the same id is ignored
        }

        if (member.Placeholder)
        {
            // Not started (a placeholder blocks every event), so nothing of it has been folded yet.
            member.Placeholder = false;
            member.Current = update.InitialCapital;
            member.CurrentBenchmark = update.InitialCapital;
            Deposit(update.InitialCapital, update.InitialCapital);
        }

        if (update.Status == StrategyStatus.None)
        {
            // Deleted: before the start it is dropped; after it, its last folded equity is withdrawn at the unit value.
            // Its pending points and trades are dropped with it; the id stays known, so a re-created strategy of the
            // same id is ignored (its history would otherwise repeat).
            SetRunning(member, false);
            member.Status = StrategyStatus.None;
            member.Removed = true;
            if (Started)
            {
                if (_units > 0m && _sum != 0m)
                {
                    _units -= member.Current / UnitValue;
                    _indexFactor = _units > 0m ? OpeningEquity!.Value / _units : 1m;
                }

                if (_benchmarkUnits > 0m && _benchmarkSum != 0m)
                {
                    _benchmarkUnits -= member.CurrentBenchmark / (_benchmarkSum / _benchmarkUnits);
                    _benchmarkIndexFactor = _benchmarkUnits > 0m ? OpeningEquity!.Value / _benchmarkUnits : 1m;
                }
            }
            else
            {
                _members.Remove(member.Id);
            }

            _sum -= member.Current;
            _benchmarkSum -= member.CurrentBenchmark;
            member.Current = 0m;
            member.CurrentBenchmark = 0m;
            if (member.InMarket)
            {
                member.InMarket = false;
                _inMarket--;
            }

            return true;
        }

        foreach (var point in update.NewEquity)
        {
            if (member.LastPointTime is { } last && point.Time <= last)
            {
                continue;
            }

            AddTime(point.Time);
            if (!_pointsAt.TryGetValue(point.Time, out var members))
            {
                members = [];
                _pointsAt.Add(point.Time, members);
            }

            members.Add((member, point.Equity, point.BenchmarkEquity ?? point.Equity));
            member.LastPointTime = point.Time;
        }

        foreach (var trade in update.NewTrades)
        {
            if (trade.ExitTime is not { } exit || (member.LastTradeExit is { } lastExit && exit <= lastExit))
            {
                continue;
            }

            AddTime(exit);
            if (!_tradesAt.TryGetValue(exit, out var members))
            {
                members = [];
                _tradesAt.Add(exit, members);
            }

            members.Add(member);
            member.Trades.Enqueue(trade);
            member.LastTradeExit = exit;
        }

        member.OpenEntry = update.OpenTrade?.EntryTime;
        member.Status = update.Status;
        SetRunning(member, update.Status == StrategyStatus.Running);
        return true;
    }

    /// <summary>Emits, in time order, every trade and mark up to the <see cref="Watermark"/>.</summary>
    /// <returns>Number of marks emitted.</returns>
    public int Advance()
    {
        var watermark = Watermark;
        int marks = 0;
        while (_times.TryPeek(out var time, out _) && time <= watermark)
        {
            _times.Dequeue();

            // Trades first: a trade exiting at a mark's instant filled at that bar's open, before its close is marked.
            if (_tradesAt.Remove(time, out var trades))
            {
                // Several members' trades at one instant go in the members' first-seen order, so that the same history
                // gives the same trade order however the updates were batched (a resumed run equals a fresh one).
                if (trades.Count > 1)
                {
                    trades.Sort(static (x, y) => x.Order.CompareTo(y.Order));
                }

                foreach (var member in trades)
                {
                    if (!member.Removed)
                    {
                        Start();
                        EmitTrade(member.Trades.Dequeue());
                    }
                }
            }

            if (_pointsAt.Remove(time, out var points))
            {
                bool late = LastMarkTime is { } lastMark && time <= lastMark;
                bool folded = false;
                foreach (var (member, equity, benchmark) in points)
                {
                    if (member.Removed)
                    {
                        continue;
                    }

                    Start();
                    Fold(member, time, equity, benchmark);
                    folded = true;
                    if (late)
                    {
                        LateEvents++;
                    }
                }

                if (folded && !late)
                {
                    _onMark(new EquityMark(time, _sum, _inMarket > 0, _benchmarkSum));
                    LastMarkTime = time;
                    _lastEventTime = time;
                    marks++;
                }
            }
        }

        return marks;
    }

    private void Start()
    {
        if (!Started)
        {
            Started = true;
            OpeningEquity = _sum;
            _units = _sum;
            _benchmarkUnits = _benchmarkSum;
            _onStart(_sum);
        }
    }

    /// <summary>
    /// Adds a member's starting capital and its benchmark's starting equity: after the start, units of each are issued
    /// at that side's unit value first, so a deposit is a return of neither.
    /// </summary>
    private void Deposit(decimal capital, decimal benchmark)
    {
        if (Started)
        {
            _units += _units > 0m && _sum > 0m ? capital / UnitValue : capital;
            _indexFactor = OpeningEquity!.Value / _units;
            _benchmarkUnits += _benchmarkUnits > 0m && _benchmarkSum > 0m ? benchmark / (_benchmarkSum / _benchmarkUnits) : benchmark;
            _benchmarkIndexFactor = OpeningEquity!.Value / _benchmarkUnits;
        }

        _sum += capital;
        _benchmarkSum += benchmark;
    }

    private void AddTime(DateTimeOffset time)
    {
        if (!_pointsAt.ContainsKey(time) && !_tradesAt.ContainsKey(time))
        {
            _times.Enqueue(time, time);
        }
    }

    private void EmitTrade(TradeRecord trade)
    {
        var exit = trade.ExitTime!.Value;
        if ((_lastEventTime is { } last && exit < last) || (LastMarkTime is { } marked && exit <= marked))
        {
            LateEvents++;
            return;
        }

        _onTrade(new ClosedTrade(trade.EntryTime, exit, trade.Pnl, trade.Fees, trade.Return));
        _lastEventTime = exit;
    }

    private void Fold(PortfolioMember member, DateTimeOffset t, decimal equity, decimal benchmark)
    {
        // Trades exiting at or before t were dequeued before this point (a trade exiting at t sorts before it), so the
        // next queued trade, if it was entered at or before t, was held at t's close; so was the open trade entered by t.
        bool inMarket = (member.Trades.TryPeek(out var next) && next.EntryTime <= t) || (member.OpenEntry is { } entry && entry <= t);
        if (inMarket != member.InMarket)
        {
            _inMarket += inMarket ? 1 : -1;
            member.InMarket = inMarket;
        }

        _sum += equity - member.Current;
        member.Current = equity;
        _benchmarkSum += benchmark - member.CurrentBenchmark;
        member.CurrentBenchmark = benchmark;
    }

    private void SetRunning(PortfolioMember member, bool running)
    {
        if (member.RunningKey is { } old)
        {
            _running.Remove(old);
            member.RunningKey = null;
        }

        if (running)
        {
            var key = (member.LastPointTime ?? DateTimeOffset.MinValue, member.Order);
            _running.Add(key);
            member.RunningKey = key;
        }
    }
}
