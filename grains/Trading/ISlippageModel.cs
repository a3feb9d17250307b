using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>Moves a reference price (e.g. the bar open) to the price actually obtained. Slippage works against the trader.</summary>
public interface ISlippageModel
{
    /// <summary>The execution price per unit for <paramref name="side"/> given the reference price: ≥ reference for a buy, ≤ for a sell, &gt; 0.</summary>
    /// <param name="side">Buy or sell.</param>
    /// <param name="referencePrice">Price before slippage, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The reference price is not positive or the side undefined.</exception>
    decimal FillPrice(OrderSide side, decimal referencePrice);
}
