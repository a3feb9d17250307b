using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// An instruction to trade. Good until filled, rejected or cancelled by its owner (no time-in-force). Invariants (checked
/// by <see cref="Create"/>): ids set; <see cref="Quantity"/> ≥ 0 in units (0 is representable so that a sizing result of
/// zero can be rejected with a reason rather than lost); a market order has neither price, a limit order has only
/// <see cref="LimitPrice"/> &gt; 0, a stop order has only <see cref="StopPrice"/> &gt; 0.
/// </summary>
/// <param name="Id">The order id.</param>
/// <param name="Strategy">The strategy placing the order.</param>
/// <param name="Instrument">The instrument to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit or stop.</param>
/// <param name="Quantity">Units to trade, ≥ 0 (unsigned; <paramref name="Side"/> gives the direction).</param>
/// <param name="LimitPrice">Limit price for <see cref="OrderType.Limit"/>, otherwise null.</param>
/// <param name="StopPrice">Stop (trigger) price for <see cref="OrderType.Stop"/>, otherwise null.</param>
/// <param name="CreatedTime">UTC time the order was placed; a bar-based fill model fills it on no bar opening before this time.</param>
[GenerateSerializer, Immutable, Alias("trp.Order")]
public sealed record Order(
    [property: Id(0)] OrderId Id,
    [property: Id(1)] StrategyId Strategy,
    [property: Id(2)] InstrumentId Instrument,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] OrderType Type,
    [property: Id(5)] decimal Quantity,
    [property: Id(6)] decimal? LimitPrice,
    [property: Id(7)] decimal? StopPrice,
    [property: Id(8)] DateTimeOffset CreatedTime)
{
    /// <summary>The id of the position this order trades. Derived, so not serialized.</summary>
    [JsonIgnore]
    public PositionId Position => new(Strategy, Instrument);

    /// <summary>Creates an order after checking its invariants; <paramref name="createdTime"/> is converted to UTC.</summary>
    /// <exception cref="ArgumentException">An id is default, the side or type is undefined, the quantity is negative, or
    /// the prices do not fit the type; the message names the field.</exception>
    public static Order Create(
        OrderId id,
        StrategyId strategy,
        InstrumentId instrument,
        OrderSide side,
        OrderType type,
        decimal quantity,
        decimal? limitPrice,
        decimal? stopPrice,
        DateTimeOffset createdTime)
    {
        if (id.IsDefault) throw new ArgumentException("id is default (unset).", nameof(id));
        if (strategy.IsDefault) throw new ArgumentException("strategy is default (unset).", nameof(strategy));
        if (instrument.Symbol is null) throw new ArgumentException("instrument is default (unset).", nameof(instrument));
        if (!Enum.IsDefined(side)) throw new ArgumentException($"side {(int)side} is not defined.", nameof(side));
        if (!Enum.IsDefined(type)) throw new ArgumentException($"type {(int)type} is not defined.", nameof(type));
        if (quantity < 0) throw new ArgumentException($"quantity must not be negative, was {quantity}.", nameof(quantity));
        switch (type)
        {
            case OrderType.Market:
                if (limitPrice is not null) throw new ArgumentException("limitPrice must be null for a market order.", nameof(limitPrice));
                if (stopPrice is not null) throw new ArgumentException("stopPrice must be null for a market order.", nameof(stopPrice));
                break;
            case OrderType.Limit:
                if (limitPrice is not > 0) throw new ArgumentException($"limitPrice must be positive for a limit order, was {limitPrice?.ToString() ?? "null"}.", nameof(limitPrice));
                if (stopPrice is not null) throw new ArgumentException("stopPrice must be null for a limit order.", nameof(stopPrice));
                break;
            case OrderType.Stop:
                if (stopPrice is not > 0) throw new ArgumentException($"stopPrice must be positive for a stop order, was {stopPrice?.ToString() ?? "null"}.", nameof(stopPrice));
                if (limitPrice is not null) throw new ArgumentException("limitPrice must be null for a stop order.", nameof(limitPrice));
                break;
        }

        return new Order(id, strategy, instrument, side, type, quantity, limitPrice, stopPrice, createdTime.ToUniversalTime());
    }

    /// <summary>Creates a market order (see <see cref="Create"/> for the checks).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static Order Market(OrderId id, StrategyId strategy, InstrumentId instrument, OrderSide side, decimal quantity, DateTimeOffset createdTime)
        => Create(id, strategy, instrument, side, OrderType.Market, quantity, null, null, createdTime);

    /// <summary>Creates a limit order (see <see cref="Create"/> for the checks).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static Order Limit(OrderId id, StrategyId strategy, InstrumentId instrument, OrderSide side, decimal quantity, decimal limitPrice, DateTimeOffset createdTime)
        => Create(id, strategy, instrument, side, OrderType.Limit, quantity, limitPrice, null, createdTime);

    /// <summary>Creates a stop order (see <see cref="Create"/> for the checks).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Create"/>.</exception>
    public static Order Stop(OrderId id, StrategyId strategy, InstrumentId instrument, OrderSide side, decimal quantity, decimal stopPrice, DateTimeOffset createdTime)
        => Create(id, strategy, instrument, side, OrderType.Stop, quantity, null, stopPrice, createdTime);
}
