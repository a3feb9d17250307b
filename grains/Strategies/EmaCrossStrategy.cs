using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>ema-cross:fast=12,slow=26[,short=false]</c>: Long while EMA(fast) &gt; EMA(slow) of the close; otherwise
/// Flat, or Short while EMA(fast) &lt; EMA(slow) when <c>short=true</c> (equal averages: Flat). Warm-up: slow bars (each EMA seeded with its SMA).
/// </summary>
public sealed class EmaCrossStrategy : MovingAverageCrossStrategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "ema-cross";

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="fast">Fast EMA period, 1..10000, less than <paramref name="slow"/>.</param>
    /// <param name="slow">Slow EMA period, 1..10000.</param>
    /// <param name="allowShort">Hold Short while fast &lt; slow.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range or fast ≥ slow.</exception>
    public EmaCrossStrategy(int fast = 12, int slow = 26, bool allowShort = false)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("fast", fast), ("slow", slow), ("short", allowShort))))
    {
    }

    private EmaCrossStrategy(StrategyArguments arguments)
        : base(arguments, period => new ExponentialMovingAverage(period))
    {
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = CreateDefinition(KindName, "EMA", 12, 26, arguments => new EmaCrossStrategy(arguments));
}
