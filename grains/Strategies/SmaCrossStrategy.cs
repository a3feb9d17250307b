using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>sma-cross:fast=50,slow=200[,short=false]</c>: Long while SMA(fast) &gt; SMA(slow) of the close; otherwise
/// Flat, or Short while SMA(fast) &lt; SMA(slow) when <c>short=true</c> (equal averages: Flat). Warm-up: slow bars.
/// </summary>
public sealed class SmaCrossStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "sma-cross";

    private readonly SimpleMovingAverage _fast;
    private readonly SimpleMovingAverage _slow;
    private readonly bool _allowShort;

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
        : base(arguments, arguments.GetInt32("slow"))
    {
        _fast = new SimpleMovingAverage(arguments.GetInt32("fast"));
        _slow = new SimpleMovingAverage(arguments.GetInt32("slow"));
        _allowShort = arguments.GetBoolean("short");
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long while SMA(fast) > SMA(slow); Flat (or Short with short=true) otherwise.",
        [
            StrategyRules.Period("fast", 50, "fast SMA period, bars"),
            StrategyRules.Period("slow", 200, "slow SMA period, bars"),
            StrategyRules.AllowShort(),
        ],
        arguments => new SmaCrossStrategy(arguments),
        [StrategyRule.LessThan("fast", "slow")]);

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        var close = (double)bar.Close;
        _fast.Update(close);
        _slow.Update(close);
        return _fast.Value is { } fast && _slow.Value is { } slow
            ? StrategyRules.Cross(fast, slow, _allowShort)
            : TargetPosition.Flat;
    }
}
