namespace TradingRobotPlug.Grains.Trading;

/// <summary>The account facts a fill model checks an order against, taken just before the order is evaluated.</summary>
/// <param name="Cash">Cash available, money in the quote currency.</param>
/// <param name="PositionQuantity">Signed units currently held in the order's instrument by the order's strategy (&lt; 0 short).</param>
public readonly record struct FillContext(decimal Cash, decimal PositionQuantity);
