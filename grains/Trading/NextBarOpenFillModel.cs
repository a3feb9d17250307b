using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// Bar-based fills without look-ahead. An order decided on bar t's close is placed at t's close time
/// (<see cref="Bar.CloseTime"/>) and is evaluated from the first bar that opens at or after its
/// <see cref="Order.CreatedTime"/>, i.e. bar t+1. A bar that opened before the order was placed never fills it (the
/// order rests), so the bar whose close triggered the decision cannot fill it.
/// <para>Rules on bar (O, H, L), for quantity q:</para>
/// <list type="bullet">
/// <item>Market: fills at O plus slippage.</item>
/// <item>Limit buy at P: fills if L ≤ P, at min(O, P) — a gap below P fills at the better open. Limit sell at P: fills if H ≥ P,
/// at max(O, P). No slippage on limit fills.</item>
/// <item>Stop buy at S: triggers if H ≥ S and fills at max(O, S) plus slippage — a gap above S fills at the worse open. Stop sell
/// at S: triggers if L ≤ S, fills at min(O, S) plus slippage.</item>
/// <item>Otherwise the order rests (stays working; no expiry).</item>
/// </list>
/// <para>
/// Checks, in order: zero quantity → rejected; a sell taking the position below zero with short selling disabled →
/// rejected; then the units that open or add to a position (those beyond the c units that close the opposite position)
/// must be paid for, and are otherwise reduced to the affordable whole lots or rejected (see <see cref="FillModelOptions"/>):
/// a buy needs q × price + fee ≤ <see cref="FillContext.Cash"/> (a short's proceeds and margin are released by the
/// cover); a sell that goes short needs (q − c) × price + fee ≤ <see cref="FillContext.FreeCash"/> + c × price
/// (margin for the short: see <see cref="ShortMargin"/>). Closing units are never checked or reduced: a sell of a long
/// or a buy that only covers a short always fills in full. Fills are complete (no partial fills), stamped with the bar's
/// open time (the true time of an intrabar limit/stop fill is unknown), with trade id
/// <see cref="TradeId.ForFill"/>(order, 1); the fee comes from the fee model at the fill price.
/// </para>
/// </summary>
public sealed class NextBarOpenFillModel : IFillModel
{
    private readonly IFeeModel _feeModel;
    private readonly ISlippageModel _slippageModel;
    private readonly FillModelOptions _options;

    /// <summary>Creates the model.</summary>
    /// <param name="feeModel">Fee charged on fills.</param>
    /// <param name="slippageModel">Slippage applied to market and stop fills.</param>
    /// <param name="options">Account rules; null for the defaults.</param>
    /// <exception cref="ArgumentNullException">A model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FillModelOptions.LotSize"/> is not positive.</exception>
    public NextBarOpenFillModel(IFeeModel feeModel, ISlippageModel slippageModel, FillModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(feeModel);
        ArgumentNullException.ThrowIfNull(slippageModel);
        _feeModel = feeModel;
        _slippageModel = slippageModel;
        _options = options ?? new FillModelOptions();
        if (_options.LotSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.LotSize, "FillModelOptions.LotSize must be positive.");
        }
    }

    /// <inheritdoc/>
    public FillDecision Evaluate(Order order, Bar bar, FillContext context)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(bar);
        if (order.Instrument != bar.Instrument)
        {
            throw new ArgumentException($"Bar is for {bar.Instrument}, order {order.Id} is for {order.Instrument}.", nameof(bar));
        }

        if (bar.OpenTime < order.CreatedTime)
        {
            return FillDecision.Resting(Text(
                $"bar opening at {bar.OpenTime:O} opened before order {order.Id} was placed at {order.CreatedTime:O}; it fills from the next bar on (no look-ahead)"));
        }

        if (order.Quantity == 0)
        {
            return Reject(order, bar, $"zero quantity: order {order.Id} is for 0 units");
        }

        decimal? reference = TriggerPrice(order, bar);
        if (reference is not { } referencePrice)
        {
            return FillDecision.Resting(Text(
                $"{order.Type} {order.Side} at {order.LimitPrice ?? order.StopPrice} not reached by bar {bar.OpenTime:O} (high {bar.High}, low {bar.Low})"));
        }

        decimal price = order.Type == OrderType.Limit ? referencePrice : _slippageModel.FillPrice(order.Side, referencePrice);
        decimal quantity = order.Quantity;
        string note = string.Empty;

        if (order.Side == OrderSide.Sell && !_options.AllowShortSelling && context.PositionQuantity - quantity < 0)
        {
            return Reject(order, bar, Text(
                $"short selling is disabled: selling {quantity} with a position of {context.PositionQuantity} would go short"));
        }

        // Units that close the opposite position are never checked; the opening units must be paid for.
        decimal held = order.Side == OrderSide.Buy ? -context.PositionQuantity : context.PositionQuantity;
        decimal closing = held > 0 ? Math.Min(quantity, held) : 0m;
        if (quantity > closing)
        {
            // Buy: (closing + opening) × price + fee ≤ cash (a cover releases the short's reserve).
            // Sell: opening × price + fee ≤ free cash + closing × price (the long's proceeds arrive first).
            bool buy = order.Side == OrderSide.Buy;
            decimal fee = _feeModel.Fee(price, quantity);
            decimal cost = closing == 0 ? (quantity * price) + fee : ((quantity - closing) * price) + fee;
            decimal budget = closing == 0 ? (buy ? context.Cash : context.FreeCash)
                : buy ? context.Cash - (closing * price) : context.FreeCash + (closing * price);
            if (cost > budget)
            {
                decimal affordable = _options.ReduceBuysToAvailableCash
                    ? AffordableQuantity.Largest(budget, price, _feeModel, _options.LotSize, closing)
                    : 0m;
                string what = buy
                    ? Text($"{quantity} at {price} costs {(closing == 0 ? cost : cost + (closing * price))} with fee, cash is {context.Cash}")
                    : Text($"{quantity - closing} short at {price} needs {cost} of margin with fee, free cash is {budget}");
                if (affordable <= 0 && closing == 0)
                {
                    return Reject(order, bar, buy ? $"insufficient cash: buying {what}" : $"insufficient margin: selling {what}");
                }

                decimal reduced = closing == 0 ? affordable : closing + affordable;
                note = Text($"quantity reduced from {quantity} to {reduced}: {what}");
                quantity = reduced;
            }
        }

        var fill = OrderFilled.Create(
            order.Id,
            TradeId.ForFill(order.Id, 1),
            order.Strategy,
            order.Instrument,
            order.Side,
            bar.OpenTime,
            price,
            quantity,
            _feeModel.Fee(price, quantity),
            Math.Abs(price - referencePrice) * quantity);
        return FillDecision.Filled(fill, note);
    }

    private static decimal? TriggerPrice(Order order, Bar bar) => (order.Type, order.Side) switch
    {
        (OrderType.Market, _) => bar.Open,
        (OrderType.Limit, OrderSide.Buy) => bar.Low <= order.LimitPrice ? Math.Min(bar.Open, order.LimitPrice!.Value) : null,
        (OrderType.Limit, OrderSide.Sell) => bar.High >= order.LimitPrice ? Math.Max(bar.Open, order.LimitPrice!.Value) : null,
        (OrderType.Stop, OrderSide.Buy) => bar.High >= order.StopPrice ? Math.Max(bar.Open, order.StopPrice!.Value) : null,
        (OrderType.Stop, OrderSide.Sell) => bar.Low <= order.StopPrice ? Math.Min(bar.Open, order.StopPrice!.Value) : null,
        _ => throw new ArgumentException($"Order {order.Id} has an undefined type {order.Type} or side {order.Side}.", nameof(order)),
    };

    private static FillDecision Reject(Order order, Bar bar, string reason)
        => FillDecision.Rejected(OrderRejected.Create(order, bar.OpenTime, reason));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
