namespace TradingRobotPlug.Grains.Trading;

/// <summary>The account facts a fill model checks an order against, taken just before the order is evaluated.</summary>
/// <param name="Cash">Cash of the account, money in the quote currency, less what is held against shorts in other
/// instruments (so it includes the proceeds and margin held against a short in the order's instrument).</param>
/// <param name="PositionQuantity">Signed units currently held in the order's instrument by the order's strategy (&lt; 0 short).</param>
/// <param name="ShortReserve">Cash held against the short in the order's instrument (<see cref="ShortMargin.Reserve"/>:
/// proceeds plus initial margin), money ≥ 0; 0 when not short. Not spendable until the short is bought back.</param>
public readonly record struct FillContext(decimal Cash, decimal PositionQuantity, decimal ShortReserve = 0m)
{
    /// <summary>Cash that new positions may use: <see cref="Cash"/> − <see cref="ShortReserve"/>, money.</summary>
    public decimal FreeCash => Cash - ShortReserve;
}
