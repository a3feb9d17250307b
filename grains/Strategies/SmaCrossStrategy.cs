using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>sma-cross:fast=50,slow=200[,short=false]</c>: Long while SMA(fast) &gt; SMA(slow) of the close; otherwise
/// Flat, or Short while SMA(fast) &lt; SMA(slow) when <c>short=true</c> (equal averages: Flat). Warm-up: slow bars.
/// </summary>
public sealed class SmaCrossStrategy : MovingAverageCrossStrategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "sma-cross";

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="fast">Fast SMA period, 1..10000, less than <paramref name="slow"/>.</param>
    /// <param name="slow">Slow SMA period, 1..10000.</param>
    /// <param name="allowShort">Hold Short while fast &lt; slow.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range or fast ≥ slow.</exception>
    public SmaCrossStrategy(int fast = 50, int slow = 200, bool allowShort = false)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("fast", fast), ("slow", slow), ("short", allowShort))))
    {
    }

    private SmaCrossStrategy(StrategyArguments arguments)
        : base(arguments, period => new SimpleMovingAverage(period))
    {
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = CreateDefinition(KindName, "SMA", 50, 200, arguments => new SmaCrossStrategy(arguments));
}
