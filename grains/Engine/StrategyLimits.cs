namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// The bounds that keep every reachable trading state representable in <see cref="decimal"/> (about ±7.9 × 10²⁸).
/// Inputs beyond them are refused with the field named; a strategy whose equity or position compounds past them is
/// marked <c>Failed</c> with the reason before any sum can overflow (with the bounds below, the largest product the
/// engine forms, units × fee per unit or units × price, stays under 10²⁴).
/// </summary>
public static class StrategyLimits
{
    /// <summary>Largest starting capital, account currency: 10¹² (a trillion).</summary>
    public const decimal MaxInitialCapital = 1_000_000_000_000m;

    /// <summary>Largest fee per unit traded, account currency: 10⁶.</summary>
    public const decimal MaxFeePerUnit = 1_000_000m;

    /// <summary>Largest fixed fee per order, account currency: 10¹².</summary>
    public const decimal MaxFeePerOrder = 1_000_000_000_000m;

    /// <summary>Largest fixed order size (<c>fixed:Q</c>), units: 10¹².</summary>
    public const decimal MaxFixedQuantity = 1_000_000_000_000m;

    /// <summary>Largest equity or cash in absolute value a strategy may reach, account currency: 10¹⁸.</summary>
    public const decimal MaxEquity = 1_000_000_000_000_000_000m;

    /// <summary>Largest position or order size in absolute value, units: 10¹⁸.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000_000_000m;
}
