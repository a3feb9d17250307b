namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// The position a strategy wants to hold after deciding on a bar's close. The caller (not the strategy) trades
/// towards it, filling at the next bar's open. The numeric value is the position's sign.
/// </summary>
public enum TargetPosition
{
    /// <summary>Hold a short position (−1).</summary>
    Short = -1,

    /// <summary>Hold nothing (0).</summary>
    Flat = 0,

    /// <summary>Hold a long position (+1).</summary>
    Long = 1,
}
