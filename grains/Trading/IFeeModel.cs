namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// Computes the commission of one fill. Implementations must return a fee ≥ 0 that never decreases as the quantity
/// grows (sizing searches for the largest affordable quantity and relies on this) and 0 for quantity 0.
/// </summary>
public interface IFeeModel
{
    /// <summary>The fee, money in the quote currency, for trading <paramref name="quantity"/> units at <paramref name="price"/>.</summary>
    /// <param name="price">Execution price per unit, &gt; 0.</param>
    /// <param name="quantity">Units, ≥ 0 (unsigned).</param>
    /// <exception cref="ArgumentOutOfRangeException">The price is not positive or the quantity is negative.</exception>
    decimal Fee(decimal price, decimal quantity);
}
