using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Metrics;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// The paper-trading core of one strategy, O(1) per bar: a market order decided on bar t's close fills at bar
/// t+1's open (no look-ahead); the position is marked with each bar's high, low and close; equity at each close is
/// recorded under the bar's open time (its trading date for daily bars) and fed, with closed round trips, to the metrics buckets. The strategy grain hosts one; the benchmark's
/// plain loop runs the same class without grains.
/// </summary>
public sealed class StrategyEngine
{
    private readonly StrategyId _id;
    private readonly InstrumentId _instrument;
    private readonly Strategy _strategy;
    private readonly NextBarOpenFillModel _fillModel;
    private readonly ISizingModel _sizing;
    private readonly IFeeModel _fees;
    private readonly ISlippageModel _slippage;
    private readonly List<TradeRecord> _trades = [];
    private readonly List<EquityPoint> _equity = [];
    private readonly List<OrderRejected> _rejected = [];
    private readonly BuyAndHoldBenchmark _benchmark;
    private readonly Queue<Bar> _queuedBenchmarkBars = new();
    private long _orderSequence;
    private PendingReversal? _pendingReversal;
    private DateTimeOffset? _lastBarClose;

    /// <summary>Creates the engine for validated <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public StrategyEngine(StrategyId id, StrategySettings settings, StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        var errors = StrategySettingsBinder.Validate(settings, registry);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Strategy '{id}' settings are invalid: {string.Join("; ", errors)}", nameof(settings));
        }

        _id = id;
        Settings = settings;
        _instrument = settings.Instruments[0];
        _strategy = registry.Create(settings.Spec);
        _fees = StrategySettingsBinder.CreateFeeModel(settings);
        _slippage = new BpsSlippageModel(settings.SlippageBps);
        _fillModel = new NextBarOpenFillModel(_fees, _slippage, new FillModelOptions { AllowShortSelling = true });
        _sizing = StrategySettingsBinder.CreateSizing(settings.Sizing);
        Account = new PaperAccount(id, settings.InitialCapital);
        _benchmark = new BuyAndHoldBenchmark(id, settings, settings.BenchmarkInstrument!.Value);
        Metrics = new MetricsBook(settings.InitialCapital, settings.Timeframe, settings.InitialCapital);
    }

    /// <summary>The settings.</summary>
    public StrategySettings Settings { get; }

    /// <summary>Cash, positions and equity.</summary>
    public PaperAccount Account { get; }

    /// <summary>The benchmark instrument (buy-and-hold with the same capital and rules, see <see cref="BuyAndHoldBenchmark"/>).</summary>
    public InstrumentId Benchmark => _benchmark.Instrument;

    /// <summary>
    /// True when the benchmark is another instrument than the traded one: its bars then come through
    /// <see cref="QueueBenchmarkBar"/> (or <see cref="OnBenchmarkBar"/>), each fed before the first bar of the strategy's
    /// instrument that closes at or after it.
    /// </summary>
    public bool HasSeparateBenchmark => _benchmark.Instrument != _instrument;

    /// <summary>Close time (UTC) of the last benchmark bar processed by <see cref="OnBenchmarkBar"/>; null before the first.</summary>
    public DateTimeOffset? BenchmarkThrough { get; private set; }

    /// <summary>The benchmark's equity at the last close (the starting capital before the first bar), account currency.</summary>
    public decimal BenchmarkEquity => _benchmark.Equity;

    /// <summary>
    /// Processes one bar of a separate benchmark instrument (<see cref="HasSeparateBenchmark"/>), in time order. The
    /// benchmark at a mark of the strategy is the buy-and-hold account after every benchmark bar that closes at or
    /// before the strategy's bar closes (the last close known at that moment, as LEAN values a benchmark), so the
    /// caller feeds the benchmark bars closing at or before a strategy bar's close before that bar.
    /// </summary>
    /// <param name="bar">A bar of <see cref="Benchmark"/> closing after the previous one fed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The benchmark is the traded instrument (its bars come with <see cref="OnBar"/>).</exception>
    /// <exception cref="ArgumentException">
    /// The bar is for another instrument (from <see cref="BuyAndHoldBenchmark.OnBar"/>), does not close after the previous
    /// benchmark bar, or closes at or before the close of a strategy bar already marked (it would change a past mark).
    /// </exception>
    public void OnBenchmarkBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (!HasSeparateBenchmark)
        {
            throw new InvalidOperationException($"Strategy '{_id}' is measured against its own instrument {_instrument}; its benchmark bars come with OnBar.");
        }

        if (BenchmarkThrough is { } through && bar.CloseTime <= through)
        {
            throw new ArgumentException($"Benchmark bar of {bar.Instrument} closing {bar.CloseTime:O} is not after the previous one ({through:O}).", nameof(bar));
        }

        if (_lastBarClose is { } close && bar.CloseTime <= close)
        {
            throw new ArgumentException($"Benchmark bar of {bar.Instrument} closing {bar.CloseTime:O} comes after the strategy's bar closing {close:O} was marked without it.", nameof(bar));
        }

        _benchmark.OnBar(bar);
        BenchmarkThrough = bar.CloseTime;
    }

    /// <summary>
    /// Queues one bar of a separate benchmark instrument (<see cref="HasSeparateBenchmark"/>), in time order, to be fed
    /// (<see cref="OnBenchmarkBar"/>) by <see cref="OnBar"/> before the first strategy bar that closes at or after it: the
    /// two series merged in time order, whichever was received first. A bar is checked when it is fed, so a queued bar
    /// that <see cref="OnBenchmarkBar"/> would refuse makes that <see cref="OnBar"/> throw.
    /// </summary>
    /// <param name="bar">A bar of <see cref="Benchmark"/> closing after the previous one queued.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The benchmark is the traded instrument (its bars come with <see cref="OnBar"/>).</exception>
    public void QueueBenchmarkBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (!HasSeparateBenchmark)
        {
            throw new InvalidOperationException($"Strategy '{_id}' is measured against its own instrument {_instrument}; its benchmark bars come with OnBar.");
        }

        _queuedBenchmarkBars.Enqueue(bar);
    }

    /// <summary>Open metrics buckets of every level.</summary>
    public MetricsBook Metrics { get; }

    /// <summary>The order waiting for the next bar's open, if any.</summary>
    public Order? PendingOrder { get; private set; }

    /// <summary>Bars processed.</summary>
    public long BarsProcessed { get; private set; }

    /// <summary>
    /// Open time of the last bar processed (UTC): the bar's label, its trading date for a daily bar. Equity marks,
    /// equity points and buckets use the same label, so a mark belongs to the period that contains its bar
    /// ([open, close)).
    /// </summary>
    public DateTimeOffset? LastBarTime { get; private set; }

    /// <summary>Closed round trips, oldest first.</summary>
    public IReadOnlyList<TradeRecord> ClosedTrades => _trades;

    /// <summary>Equity at each bar's close, labelled with the bar's open time (its trading date for a daily bar).</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _equity;

    /// <summary>Rejected orders.</summary>
    public IReadOnlyList<OrderRejected> Rejected => _rejected;

    /// <summary>
    /// Processes one bar of the strategy's instrument, in time order: (1) the order decided on the previous close fills
    /// at this bar's open; when it closed a position to reverse it (Long ↔ Short), the new leg is then sized from the
    /// account after the close, at the signal bar's close, and fills at the same open (two trades, the closing one
    /// first); (1b) a short is liquidated if the bar's high reaches its liquidation price; (2) the position is marked;
    /// (3) the strategy decides on the close: from flat it buys (Long) or sells short (Short), towards Flat it closes the
    /// position, against the position it reverses it; (4) equity is recorded. Short selling follows
    /// <see cref="ShortMargin"/> (docs/strategies.md, "Short selling").
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The bar is for another instrument, a separate benchmark was fed past its close (<see cref="OnBenchmarkBar"/>), or a
    /// queued benchmark bar closing at or before its close is refused by <see cref="OnBenchmarkBar"/>.
    /// </exception>
    /// <exception cref="StrategyLimitExceededException">
    /// After the bar, equity, cash or the position is beyond <see cref="StrategyLimits"/> (the bar is fully processed
    /// first, so the state stays consistent), or a liquidation left the account's equity ≤ 0 (a gap far beyond the
    /// liquidation price: bankrupt); the strategy cannot go on, and the strategy grain marks it Failed.
    /// </exception>
    public void OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);

        // 0. The queued benchmark bars that close by this bar's close (QueueBenchmarkBar).
        while (_queuedBenchmarkBars.TryPeek(out var benchmarkBar) && benchmarkBar.CloseTime <= bar.CloseTime)
        {
            OnBenchmarkBar(_queuedBenchmarkBars.Dequeue());
        }

        if (bar.Instrument != _instrument)
        {
            throw new ArgumentException($"Strategy '{_id}' trades {_instrument}, not {bar.Instrument}.", nameof(bar));
        }

        if (BenchmarkThrough is { } benchmarkThrough && benchmarkThrough > bar.CloseTime)
        {
            throw new ArgumentException($"Strategy '{_id}': the benchmark was fed through {benchmarkThrough:O}, after this bar's close {bar.CloseTime:O} (look-ahead).", nameof(bar));
        }

        // 1. The order decided on the previous bar's close fills at this bar's open; after a reversal's closing order,
        //    the new leg is sized from the account after the close and fills at the same open.
        if (PendingOrder is { } order)
        {
            var kind = Execute(order, bar, TradeExitReason.Signal);
            if (kind != FillDecisionKind.Resting)
            {
                PendingOrder = null;
                if (_pendingReversal is { } reversal && kind == FillDecisionKind.Filled && Account.PositionQuantity(_instrument) == 0)
                {
                    var size = _sizing.Size(new SizingContext(reversal.Side, reversal.ReferencePrice, Account.AvailableCash, Account.Equity, _fees, _slippage));
                    if (size > 0)
                    {
                        Execute(Order.Market(OrderId.Create(_id, ++_orderSequence), _id, _instrument, reversal.Side, size, order.CreatedTime), bar, TradeExitReason.Signal);
                    }
                }

                _pendingReversal = null;
            }
        }

        // 1b. A short whose equity reaches the maintenance margin during the bar is bought back (see ShortMargin).
        Liquidate(bar);

        // 2. Mark to market with the bar's range and close.
        Account.MarkBar(bar);
        if (!HasSeparateBenchmark)
        {
            _benchmark.OnBar(bar);
        }

        // 3. Decide on the close; the order fills at the next bar's open.
        var target = _strategy.OnBar(bar);
        var quantity = Account.PositionQuantity(_instrument);
        var closeTime = bar.CloseTime;
        var barTime = bar.OpenTime;
        if (PendingOrder is null)
        {
            Decide(target, quantity, bar.Close, closeTime);
        }

        // 4. Equity at the close, labelled with the bar (a daily bar's close belongs to its trading date, not to the
        //    next calendar day at 00:00 UTC).
        var equity = Account.Equity;
        var benchmarkEquity = _benchmark.Equity;
        _equity.Add(new EquityPoint(barTime, equity, benchmarkEquity));
        Metrics.AddMark(new EquityMark(barTime, equity, quantity != 0, benchmarkEquity));
        BarsProcessed++;
        LastBarTime = barTime;
        _lastBarClose = closeTime;
        EnsureWithinLimits(bar, equity, quantity);
    }

    private void EnsureWithinLimits(Bar bar, decimal equity, decimal quantity)
    {
        string? figure = Math.Abs(equity) > StrategyLimits.MaxEquity ? $"equity {equity}"
            : Math.Abs(Account.Cash) > StrategyLimits.MaxEquity ? $"cash {Account.Cash}"
            : null;
        if (figure is not null)
        {
            throw new StrategyLimitExceededException(
                $"Strategy '{_id}': {figure} is beyond ±{StrategyLimits.MaxEquity:0} after the bar at {bar.OpenTime:O}; the strategy stops here so that its numbers stay exact.");
        }

        var units = Math.Max(Math.Abs(quantity), Math.Abs(PendingOrder?.Quantity ?? 0m));
        if (units > StrategyLimits.MaxQuantity)
        {
            throw new StrategyLimitExceededException(
                $"Strategy '{_id}': a position or order of {units} units is beyond {StrategyLimits.MaxQuantity:0} after the bar at {bar.OpenTime:O}; the strategy stops here so that its numbers stay exact.");
        }
    }

    /// <summary>The open trade (position still held), if any.</summary>
    public TradeRecord? OpenTrade => Account.GetPosition(_instrument)?.OpenTrade;

    /// <summary>
    /// Trades towards <paramref name="target"/> from the signed <paramref name="quantity"/> held: from flat, one order
    /// sized by the sizing model at <paramref name="price"/>, the bar's close (buy for Long, sell short for Short), placed at
    /// <paramref name="time"/>, the bar's close time; towards Flat, one order closing
    /// the position; against the position (Long ↔ Short), one order closing it now and the new leg sized when the close
    /// has filled (see <see cref="OnBar"/>).
    /// </summary>
    private void Decide(TargetPosition target, decimal quantity, decimal price, DateTimeOffset time)
    {
        var wanted = target switch
        {
            TargetPosition.Long => OrderSide.Buy,
            TargetPosition.Short => OrderSide.Sell,
            _ => (OrderSide?)null,
        };
        if (quantity == 0)
        {
            if (wanted is { } side)
            {
                var size = _sizing.Size(new SizingContext(side, price, Account.AvailableCash, Account.Equity, _fees, _slippage));
                if (size > 0)
                {
                    PendingOrder = Order.Market(OrderId.Create(_id, ++_orderSequence), _id, _instrument, side, size, time);
                }
            }

            return;
        }

        var held = quantity > 0 ? TargetPosition.Long : TargetPosition.Short;
        if (target == held)
        {
            return;
        }

        var close = quantity > 0 ? OrderSide.Sell : OrderSide.Buy;
        PendingOrder = Order.Market(OrderId.Create(_id, ++_orderSequence), _id, _instrument, close, Math.Abs(quantity), time);
        _pendingReversal = wanted is { } reverse ? new PendingReversal(reverse, price) : null;
    }

    /// <summary>Evaluates <paramref name="order"/> on <paramref name="bar"/> and applies a fill; records a closed trade or a rejection.</summary>
    private FillDecisionKind Execute(Order order, Bar bar, TradeExitReason reason)
    {
        var decision = _fillModel.Evaluate(order, bar, Account.FillContextFor(_instrument));
        switch (decision.Kind)
        {
            case FillDecisionKind.Filled:
                var closed = Account.Apply(decision.Fill!);
                if (closed is not null)
                {
                    if (reason != TradeExitReason.Signal)
                    {
                        closed = closed with { ExitReason = reason };
                    }

                    _trades.Add(closed);
                    Metrics.AddTrade(new ClosedTrade(closed.EntryTime, closed.ExitTime!.Value, closed.Pnl, closed.Fees, closed.Return));
                }

                break;
            case FillDecisionKind.Rejected:
                _rejected.Add(decision.Rejection!);
                break;
            default:
                break; // resting (limit/stop): stays pending
        }

        return decision.Kind;
    }

    /// <summary>
    /// Buys back a short when the bar's high reaches its liquidation price L (<see cref="PaperAccount.LiquidationPrice"/>):
    /// a stop buy at L for the whole short, filled at max(open, L) plus slippage, with the fee; the trade is recorded
    /// with <see cref="TradeExitReason.Liquidation"/>. A pending order is left as it is.
    /// </summary>
    /// <exception cref="StrategyLimitExceededException">The cover left equity ≤ 0 (the bar gapped far beyond L): the account
    /// is bankrupt and the engine cannot mark it; it must not be used further.</exception>
    private void Liquidate(Bar bar)
    {
        if (Account.LiquidationPrice(_instrument) is not { } price || bar.High < price)
        {
            return;
        }

        var units = -Account.PositionQuantity(_instrument);
        var id = OrderId.Create(_id, ++_orderSequence);
        var order = price > 0
            ? Order.Stop(id, _id, _instrument, OrderSide.Buy, units, price, bar.OpenTime)
            : Order.Market(id, _id, _instrument, OrderSide.Buy, units, bar.OpenTime);
        Execute(order, bar, TradeExitReason.Liquidation);
        if (Account.Equity <= 0)
        {
            throw new StrategyLimitExceededException(
                $"Strategy '{_id}' is bankrupt: liquidating its short of {units} {_instrument} on the bar opening at {bar.OpenTime:O} (open {bar.Open}, high {bar.High}, liquidation price {price}) left equity {Account.Equity}.");
        }
    }

    /// <summary>The new leg of a reversal: its side and the signal bar's close it is sized at.</summary>
    private readonly record struct PendingReversal(OrderSide Side, decimal ReferencePrice);
}
