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
/// recorded and fed, with closed round trips, to the metrics buckets. The strategy grain hosts one; the benchmark's
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
    private long _orderSequence;

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
        _fillModel = new NextBarOpenFillModel(_fees, _slippage);
        _sizing = StrategySettingsBinder.CreateSizing(settings.Sizing);
        Account = new PaperAccount(id, settings.InitialCapital);
        _benchmark = new BuyAndHoldBenchmark(id, settings, settings.BenchmarkInstrument!.Value);
        Metrics = new MetricsBook(settings.InitialCapital, settings.InitialCapital);
    }

    /// <summary>The settings.</summary>
    public StrategySettings Settings { get; }

    /// <summary>Cash, positions and equity.</summary>
    public PaperAccount Account { get; }

    /// <summary>The benchmark instrument (buy-and-hold with the same capital and rules, see <see cref="BuyAndHoldBenchmark"/>).</summary>
    public InstrumentId Benchmark => _benchmark.Instrument;

    /// <summary>The benchmark's equity at the last close (the starting capital before the first bar), account currency.</summary>
    public decimal BenchmarkEquity => _benchmark.Equity;

    /// <summary>Open metrics buckets of every level.</summary>
    public MetricsBook Metrics { get; }

    /// <summary>The order waiting for the next bar's open, if any.</summary>
    public Order? PendingOrder { get; private set; }

    /// <summary>Bars processed.</summary>
    public long BarsProcessed { get; private set; }

    /// <summary>Close time of the last bar.</summary>
    public DateTimeOffset? LastBarTime { get; private set; }

    /// <summary>Closed round trips, oldest first.</summary>
    public IReadOnlyList<TradeRecord> ClosedTrades => _trades;

    /// <summary>Equity at each bar's close.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _equity;

    /// <summary>Rejected orders.</summary>
    public IReadOnlyList<OrderRejected> Rejected => _rejected;

    /// <summary>Processes one bar of the strategy's instrument, in time order.</summary>
    /// <exception cref="ArgumentException">The bar is for another instrument.</exception>
    public void OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (bar.Instrument != _instrument)
        {
            throw new ArgumentException($"Strategy '{_id}' trades {_instrument}, not {bar.Instrument}.", nameof(bar));
        }

        // 1. The order decided on the previous bar's close fills at this bar's open.
        if (PendingOrder is { } order)
        {
            var decision = _fillModel.Evaluate(order, bar, Account.FillContextFor(_instrument));
            switch (decision.Kind)
            {
                case FillDecisionKind.Filled:
                    var closed = Account.Apply(decision.Fill!);
                    PendingOrder = null;
                    if (closed is not null)
                    {
                        _trades.Add(closed);
                        Metrics.AddTrade(new ClosedTrade(closed.EntryTime, closed.ExitTime!.Value, closed.Pnl, closed.Fees, closed.Return));
                    }

                    break;
                case FillDecisionKind.Rejected:
                    _rejected.Add(decision.Rejection!);
                    PendingOrder = null;
                    break;
                default:
                    break; // resting (limit/stop): stays pending
            }
        }

        // 2. Mark to market with the bar's range and close.
        Account.MarkBar(bar);
        _benchmark.OnBar(bar);

        // 3. Decide on the close; the order fills at the next bar's open.
        var target = _strategy.OnBar(bar);
        var quantity = Account.PositionQuantity(_instrument);
        var closeTime = bar.CloseTime;
        if (PendingOrder is null)
        {
            if (target == TargetPosition.Long && quantity <= 0)
            {
                var size = _sizing.Size(new SizingContext(OrderSide.Buy, bar.Close, Account.Cash, Account.Equity, _fees, _slippage));
                if (size > 0)
                {
                    PendingOrder = Order.Market(OrderId.Create(_id, ++_orderSequence), _id, _instrument, OrderSide.Buy, size, closeTime);
                }
            }
            else if (target != TargetPosition.Long && quantity > 0)
            {
                PendingOrder = Order.Market(OrderId.Create(_id, ++_orderSequence), _id, _instrument, OrderSide.Sell, quantity, closeTime);
            }
        }

        // 4. Equity at the close.
        var equity = Account.Equity;
        var benchmarkEquity = _benchmark.Equity;
        _equity.Add(new EquityPoint(closeTime, equity, benchmarkEquity));
        Metrics.AddMark(new EquityMark(closeTime, equity, quantity != 0, benchmarkEquity));
        BarsProcessed++;
        LastBarTime = closeTime;
    }

    /// <summary>The open trade (position still held), if any.</summary>
    public TradeRecord? OpenTrade => Account.GetPosition(_instrument)?.OpenTrade;
}
