using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// A strategy's benchmark: a shadow buy-and-hold account of the benchmark instrument with the strategy's capital, fee
/// and slippage models, run beside the strategy on the same bars, O(1) per bar. It behaves exactly as the
/// <c>buy-and-hold</c> strategy kind with <c>all-in</c> sizing: on each bar's close while it holds nothing it sizes an
/// all-in market buy (whole units that cash covers including fee and slippage), which fills at the next bar's open
/// (<see cref="NextBarOpenFillModel"/>); a rejected buy is retried on the next close; once filled it holds for ever.
/// Its orders and fills stay inside this object (they are not the strategy's trades).
/// </summary>
public sealed class BuyAndHoldBenchmark
{
    private readonly StrategyId _id;
    private readonly NextBarOpenFillModel _fillModel;
    private readonly AllInSizing _sizing = new();
    private readonly IFeeModel _fees;
    private readonly ISlippageModel _slippage;
    private readonly PaperAccount _account;
    private Order? _pending;
    private long _orderSequence;

    /// <summary>Creates the benchmark of a strategy.</summary>
    /// <param name="id">The strategy (owner of the shadow account).</param>
    /// <param name="settings">The strategy's settings: capital, fees and slippage are taken from them.</param>
    /// <param name="instrument">The benchmark instrument; bars of other instruments are rejected.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The capital is not positive.</exception>
    public BuyAndHoldBenchmark(StrategyId id, StrategySettings settings, InstrumentId instrument)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.InitialCapital, 0m);
        _id = id;
        Instrument = instrument;
        _fees = StrategySettingsBinder.CreateFeeModel(settings);
        _slippage = new BpsSlippageModel(settings.SlippageBps);
        _fillModel = new NextBarOpenFillModel(_fees, _slippage);
        _account = new PaperAccount(id, settings.InitialCapital);
    }

    /// <summary>The benchmark instrument.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Cash plus the held units marked at the last bar's close, account currency; the starting capital before the first fill.</summary>
    public decimal Equity => _account.Equity;

    /// <summary>Units held (0 before the first fill).</summary>
    public decimal Quantity => _account.PositionQuantity(Instrument);

    /// <summary>Processes one bar of the benchmark instrument, in time order: fill at the open, mark at the close, size a buy while flat.</summary>
    /// <param name="bar">The bar.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="ArgumentException">The bar is for another instrument.</exception>
    public void OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (bar.Instrument != Instrument)
        {
            throw new ArgumentException($"The benchmark of '{_id}' is {Instrument}, not {bar.Instrument}.", nameof(bar));
        }

        if (_pending is { } order)
        {
            var decision = _fillModel.Evaluate(order, bar, _account.FillContextFor(Instrument));
            if (decision.Kind == FillDecisionKind.Filled)
            {
                _account.Apply(decision.Fill!);
                _pending = null;
            }
            else if (decision.Kind == FillDecisionKind.Rejected)
            {
                _pending = null;
            }
        }

        _account.MarkBar(bar);
        if (_pending is null && _account.PositionQuantity(Instrument) <= 0)
        {
            var size = _sizing.Size(new SizingContext(OrderSide.Buy, bar.Close, _account.Cash, _account.Equity, _fees, _slippage));
            if (size > 0)
            {
                _pending = Order.Market(OrderId.Create(_id, ++_orderSequence), _id, Instrument, OrderSide.Buy, size, bar.CloseTime);
            }
        }
    }
}
