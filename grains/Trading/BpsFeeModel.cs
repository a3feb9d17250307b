namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// Fee proportional to notional: price × quantity × bps ÷ 10,000 (1 bp = 0.01 %). Exact decimal arithmetic, no
/// rounding to a currency unit. Example: 10 bps on 68 × 1455.22 = 98,954.96 is 98.95496.
/// </summary>
public sealed class BpsFeeModel : IFeeModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="bps">Basis points of notional, in [0, 10000).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bps"/> is outside [0, 10000).</exception>
    public BpsFeeModel(decimal bps) => Bps = FeeArguments.CheckBps(bps, nameof(bps));

    /// <summary>Basis points of notional charged.</summary>
    public decimal Bps { get; }

    /// <inheritdoc/>
    public decimal Fee(decimal price, decimal quantity)
    {
        FeeArguments.CheckPriceAndQuantity(price, quantity);
        return price * quantity * Bps / 10_000m;
    }
}
