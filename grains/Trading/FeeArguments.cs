namespace TradingRobotPlug.Grains.Trading;

/// <summary>Argument checks shared by the fee, slippage and sizing models.</summary>
internal static class FeeArguments
{
    public static void CheckPriceAndQuantity(decimal price, decimal quantity)
    {
        if (price <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "price must be positive.");
        }

        if (quantity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must not be negative.");
        }
    }

    public static decimal CheckBps(decimal bps, string name)
    {
        if (bps < 0 || bps >= 10_000m)
        {
            throw new ArgumentOutOfRangeException(name, bps, $"{name} must be in [0, 10000) basis points.");
        }

        return bps;
    }
}
