namespace TradingRobotPlug.Grains.Trading;

/// <summary>Always the same quantity, whatever the cash (an unaffordable buy is then handled by the fill model).</summary>
public sealed class FixedQuantitySizing : ISizingModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="quantity">Units per order, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is not positive.</exception>
    public FixedQuantitySizing(decimal quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Quantity = quantity;
    }

    /// <summary>Units per order.</summary>
    public decimal Quantity { get; }

    /// <inheritdoc/>
    public decimal Size(in SizingContext context)
    {
        AffordableQuantity.FillPrice(context);
        return Quantity;
    }
}
