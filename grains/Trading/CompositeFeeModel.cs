namespace TradingRobotPlug.Grains.Trading;

/// <summary>The sum of several fee models (e.g. bps of notional plus a fixed fee per order).</summary>
public sealed class CompositeFeeModel : IFeeModel
{
    private readonly IFeeModel[] _models;

    /// <summary>Creates the sum of <paramref name="models"/>.</summary>
    public CompositeFeeModel(IEnumerable<IFeeModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = [.. models];
    }

    /// <inheritdoc/>
    public decimal Fee(decimal price, decimal quantity)
    {
        decimal total = 0m;
        foreach (var m in _models)
        {
            total += m.Fee(price, quantity);
        }

        return total;
    }
}
