namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// Spends a percentage of equity: the largest whole number of lots with q × p′ + fee(p′, q) ≤ min(equity × percent ÷ 100,
/// cash), p′ being the slipped price. Capping by cash keeps a buy payable; 100 % with equity = cash equals
/// <see cref="AllInSizing"/>. Example: equity 50,000, 10 %, price 99, no fee or slippage → budget 5,000 → 50 units.
/// </summary>
public sealed class PercentOfEquitySizing : ISizingModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="percent">Percentage of equity per order, in (0, 100].</param>
    /// <param name="lotSize">Quantity step in units, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside (0, 100] or <paramref name="lotSize"/> not positive.</exception>
    public PercentOfEquitySizing(decimal percent, decimal lotSize = 1m)
    {
        if (percent <= 0 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percent must be in (0, 100].");
        }

        Percent = percent;
        LotSize = AffordableQuantity.CheckLotSize(lotSize);
    }

    /// <summary>Percentage of equity per order.</summary>
    public decimal Percent { get; }

    /// <summary>Quantity step in units.</summary>
    public decimal LotSize { get; }

    /// <inheritdoc/>
    public decimal Size(in SizingContext context)
    {
        decimal fillPrice = AffordableQuantity.FillPrice(context);
        decimal budget = Math.Min(context.Equity * Percent / 100m, context.Cash);
        return AffordableQuantity.Largest(budget, fillPrice, context.FeeModel, LotSize);
    }
}
