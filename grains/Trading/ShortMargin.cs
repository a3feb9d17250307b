namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// The cash and margin model of short sales (see docs/strategies.md, "Short selling"). A short sale credits its proceeds
/// to cash, but they are held as collateral, and an equal amount of the account's own cash is set aside as initial
/// margin (100 %, no leverage): a short ties up the same buying power as a long of the same notional. Both are released
/// when the short is bought back. A short is liquidated when the account's equity, marked at a price reached during a
/// bar, falls to <see cref="MaintenanceMargin"/> × the short's market value at that price. Money in the quote currency.
/// </summary>
public static class ShortMargin
{
    /// <summary>
    /// Initial margin, a fraction of the short's entry notional that the account's own cash must cover on top of the
    /// sale proceeds held: 1 (100 %). A short of notional N therefore holds 2N of cash: N proceeds and N margin.
    /// </summary>
    public const decimal InitialMargin = 1m;

    /// <summary>
    /// Maintenance margin, a fraction of the short's market value: 0.30 (30 %, the FINRA Rule 4210(c) requirement for
    /// short stock of $5 or more). Equity at or below it liquidates the short; the 30 % left pays the forced cover's
    /// slippage and fee and absorbs a gap of up to about 30 % beyond the liquidation price.
    /// </summary>
    public const decimal MaintenanceMargin = 0.30m;

    /// <summary>
    /// Cash held against a short whose open units were sold for <paramref name="shortBasis"/> in total (Σ entry price ×
    /// units still short, fees excluded): the proceeds plus the initial margin, (1 + <see cref="InitialMargin"/>) ×
    /// basis. Money ≥ 0; 0 for a basis of 0.
    /// </summary>
    /// <param name="shortBasis">Entry notional of the open short units, money ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shortBasis"/> is negative.</exception>
    public static decimal Reserve(decimal shortBasis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shortBasis);
        return (1m + InitialMargin) * shortBasis;
    }

    /// <summary>
    /// The lowest price at which a short of <paramref name="units"/> is liquidated: the price p where equity marked at p
    /// equals <see cref="MaintenanceMargin"/> × units × p. With X = equity + units × last price (the account's equity
    /// without the short's market value; for a one-instrument account, its cash),
    /// E(p) = X − units × p, and E(p) = m × units × p gives p = X ÷ ((1 + m) × units).
    /// Example: cash 2,000 after shorting 10 at 100 with capital 1,000 and no fees gives 2,000 ÷ 13 ≈ 153.85.
    /// </summary>
    /// <param name="equityWithoutShort">Account equity excluding the short's (negative) market value, money.</param>
    /// <param name="units">Units short, &gt; 0 (unsigned).</param>
    /// <returns>The liquidation price, per unit; ≤ 0 when the equity without the short is ≤ 0 (liquidate at once).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public static decimal LiquidationPrice(decimal equityWithoutShort, decimal units)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        return equityWithoutShort / ((1m + MaintenanceMargin) * units);
    }
}
