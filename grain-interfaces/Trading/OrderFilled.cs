using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// An order was (completely) executed. Money in the quote currency. Invariants (checked by <see cref="Create"/>): ids
/// set, <see cref="Price"/> &gt; 0, <see cref="Quantity"/> &gt; 0, <see cref="Fee"/> ≥ 0.
/// </summary>
/// <param name="OrderId">The order filled.</param>
/// <param name="TradeId">Unique id of this execution; a position rejects a second fill with the same id.</param>
/// <param name="Strategy">The strategy that placed the order.</param>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Time">UTC execution time.</param>
/// <param name="Price">Execution price per unit, slippage included.</param>
/// <param name="Quantity">Units executed, &gt; 0 (unsigned). May be below the order's quantity when the fill model reduced a buy to the cash available.</param>
/// <param name="Fee">Commission charged for this fill, money ≥ 0.</param>
/// <param name="Slippage">Money lost to slippage: |<paramref name="Price"/> − reference price| × <paramref name="Quantity"/>, where the
/// reference is the price before slippage (bar open or stop trigger). Positive is a cost; 0 for limit fills. Informational:
/// <paramref name="Price"/> already includes it, so it must not be subtracted again.</param>
[GenerateSerializer, Immutable, Alias("trp.OrderFilled")]
public sealed record OrderFilled(
    [property: Id(0)] OrderId OrderId,
    [property: Id(1)] TradeId TradeId,
    [property: Id(2)] StrategyId Strategy,
    [property: Id(3)] InstrumentId Instrument,
    [property: Id(4)] OrderSide Side,
    [property: Id(5)] DateTimeOffset Time,
    [property: Id(6)] decimal Price,
    [property: Id(7)] decimal Quantity,
    [property: Id(8)] decimal Fee,
    [property: Id(9)] decimal Slippage)
{
    /// <summary>The id of the position this fill changes. Derived, so not serialized.</summary>
    [JsonIgnore]
    public PositionId Position => new(Strategy, Instrument);

    /// <summary>+<see cref="Quantity"/> for a buy, −<see cref="Quantity"/> for a sell. Derived, so not serialized.</summary>
    [JsonIgnore]
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;

    /// <summary>Traded value <see cref="Price"/> × <see cref="Quantity"/>, money, fee excluded. Derived, so not serialized.</summary>
    [JsonIgnore]
    public decimal Notional => Price * Quantity;

    /// <summary>Creates a fill after checking its invariants; <paramref name="time"/> is converted to UTC.</summary>
    /// <exception cref="ArgumentException">An id is default, the side undefined, the price or quantity not positive, or
    /// the fee negative; the message names the field.</exception>
    public static OrderFilled Create(
        OrderId orderId,
        TradeId tradeId,
        StrategyId strategy,
        InstrumentId instrument,
        OrderSide side,
        DateTimeOffset time,
        decimal price,
        decimal quantity,
        decimal fee,
        decimal slippage)
    {
        if (orderId.IsDefault) throw new ArgumentException("orderId is default (unset).", nameof(orderId));
        if (tradeId.IsDefault) throw new ArgumentException("tradeId is default (unset).", nameof(tradeId));
        if (strategy.IsDefault) throw new ArgumentException("strategy is default (unset).", nameof(strategy));
        if (instrument.Symbol is null) throw new ArgumentException("instrument is default (unset).", nameof(instrument));
        if (!Enum.IsDefined(side)) throw new ArgumentException($"side {(int)side} is not defined.", nameof(side));
        if (price <= 0) throw new ArgumentException($"price must be positive, was {price}.", nameof(price));
        if (quantity <= 0) throw new ArgumentException($"quantity must be positive, was {quantity}.", nameof(quantity));
        if (fee < 0) throw new ArgumentException($"fee must not be negative, was {fee}.", nameof(fee));
        return new OrderFilled(orderId, tradeId, strategy, instrument, side, time.ToUniversalTime(), price, quantity, fee, slippage);
    }
}
