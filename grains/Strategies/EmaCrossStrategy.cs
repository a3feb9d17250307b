using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>ema-cross:fast=12,slow=26[,short=false]</c>: Long while EMA(fast) &gt; EMA(slow) of the close; otherwise
/// Flat, or Short while EMA(fast) &lt; EMA(slow) when <c>short=true</c> (equal averages: Flat). Warm-up: slow bars (each EMA seeded with its SMA).
/// </summary>
public sealed class EmaCrossStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "ema-cross";

    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly bool _allowShort;

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
        : base(arguments, arguments.GetInt32("slow"))
    {
        _fast = new ExponentialMovingAverage(arguments.GetInt32("fast"));
        _slow = new ExponentialMovingAverage(arguments.GetInt32("slow"));
        _allowShort = arguments.GetBoolean("short");
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long while EMA(fast) > EMA(slow); Flat (or Short with short=true) otherwise.",
        [
            StrategyRules.Period("fast", 12, "fast EMA period, bars"),
            StrategyRules.Period("slow", 26, "slow EMA period, bars"),
            StrategyRules.AllowShort(),
        ],
        arguments => new EmaCrossStrategy(arguments),
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
