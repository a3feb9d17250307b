namespace TradingRobotPlug.Grains.Trading;

/// <summary>Fee per unit traded: quantity × <see cref="FeePerUnit"/> (e.g. 0.005 per share). Exact, no rounding.</summary>
public sealed class PerUnitFeeModel : IFeeModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="feePerUnit">Money per unit, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feePerUnit"/> is negative.</exception>
    public PerUnitFeeModel(decimal feePerUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feePerUnit);
        FeePerUnit = feePerUnit;
    }

    /// <summary>Money charged per unit.</summary>
    public decimal FeePerUnit { get; }

    /// <inheritdoc/>
    public decimal Fee(decimal price, decimal quantity)
    {
        FeeArguments.CheckPriceAndQuantity(price, quantity);
        return quantity * FeePerUnit;
    }
}
