using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// Slippage as basis points of the reference price, against the trader: a buy fills at reference × (1 + bps ÷ 10,000),
/// a sell at reference × (1 − bps ÷ 10,000). Exact decimal arithmetic, no tick rounding. Example: 5 bps on a buy at
/// 1449 fills at 1449.7245. <see cref="None"/> is zero slippage.
/// </summary>
public sealed class BpsSlippageModel : ISlippageModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="bps">Basis points, in [0, 10000).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bps"/> is outside [0, 10000).</exception>
    public BpsSlippageModel(decimal bps) => Bps = FeeArguments.CheckBps(bps, nameof(bps));

    /// <summary>Zero slippage: the fill price is the reference price.</summary>
    public static BpsSlippageModel None { get; } = new(0m);

    /// <summary>Basis points of the reference price lost per fill.</summary>
    public decimal Bps { get; }

    /// <inheritdoc/>
    public decimal FillPrice(OrderSide side, decimal referencePrice)
    {
        if (referencePrice <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(referencePrice), referencePrice, "referencePrice must be positive.");
        }

        return side switch
        {
            OrderSide.Buy => referencePrice * (1m + (Bps / 10_000m)),
            OrderSide.Sell => referencePrice * (1m - (Bps / 10_000m)),
            _ => throw new ArgumentOutOfRangeException(nameof(side), side, "side is not defined."),
        };
    }
}
