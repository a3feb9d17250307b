namespace TradingRobotPlug.Grains.Trading;

/// <summary>A fixed fee per fill (order), whatever its size; 0 for quantity 0. <c>new FixedFeeModel(0)</c> is "no fees".</summary>
public sealed class FixedFeeModel : IFeeModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="feePerOrder">Money per fill, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feePerOrder"/> is negative.</exception>
    public FixedFeeModel(decimal feePerOrder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feePerOrder);
        FeePerOrder = feePerOrder;
    }

    /// <summary>Money charged per fill.</summary>
    public decimal FeePerOrder { get; }

    /// <inheritdoc/>
    public decimal Fee(decimal price, decimal quantity)
    {
        FeeArguments.CheckPriceAndQuantity(price, quantity);
        return quantity == 0 ? 0m : FeePerOrder;
    }
}
