namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// The default sizing: the largest whole number of lots (default lot 1 unit) that the cash covers, fee and slippage
/// included: q × p′ + fee(p′, q) ≤ cash with p′ = slippage applied to the reference price. Example: cash 100,000, price
/// 1449, 10 bps fee, no slippage: 69 × 1449 = 99,981 fits without the fee, but with it costs 100,080.981, so the result is
/// 68 (98,532 + 98.532 = 98,630.532). The same rule sizes a short sale: its notional at the slipped sell price plus fee
/// must fit the cash, which the engine gives as the account's available cash (see <see cref="ShortMargin"/>).
/// Gives 0 when cash ≤ 0 or one lot is too dear.
/// </summary>
public sealed class AllInSizing : ISizingModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="lotSize">Quantity step in units, &gt; 0 (1 = whole units; 0.001 for fractional crypto, …).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lotSize"/> is not positive.</exception>
    public AllInSizing(decimal lotSize = 1m) => LotSize = AffordableQuantity.CheckLotSize(lotSize);

    /// <summary>Quantity step in units.</summary>
    public decimal LotSize { get; }

    /// <inheritdoc/>
    public decimal Size(in SizingContext context)
    {
        decimal fillPrice = AffordableQuantity.FillPrice(context);
        return AffordableQuantity.Largest(context.Cash, fillPrice, context.FeeModel, LotSize);
    }
}
