using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>macd-cross:fast=12,slow=26,signal=9[,short=false]</c>: Long while the MACD line is above its signal line;
/// otherwise Flat, or Short while below when <c>short=true</c> (equal: Flat). Warm-up: slow + signal − 1 bars.
/// </summary>
public sealed class MacdCrossStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "macd-cross";

    private readonly MovingAverageConvergenceDivergence _macd;
    private readonly bool _allowShort;

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="fast">Fast EMA period, 1..10000, less than <paramref name="slow"/>.</param>
    /// <param name="slow">Slow EMA period, 1..10000.</param>
    /// <param name="signal">Signal EMA period, 1..10000.</param>
    /// <param name="allowShort">Hold Short while MACD &lt; signal.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range or fast ≥ slow.</exception>
    public MacdCrossStrategy(int fast = 12, int slow = 26, int signal = 9, bool allowShort = false)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("fast", fast), ("slow", slow), ("signal", signal), ("short", allowShort))))
    {
    }

    private MacdCrossStrategy(StrategyArguments arguments)
        : base(arguments, arguments.GetInt32("slow") + arguments.GetInt32("signal") - 1)
    {
        _macd = new MovingAverageConvergenceDivergence(arguments.GetInt32("fast"), arguments.GetInt32("slow"), arguments.GetInt32("signal"));
        _allowShort = arguments.GetBoolean("short");
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long while MACD > signal; Flat (or Short with short=true) otherwise.",
        [
            StrategyRules.Period("fast", 12, "fast EMA period, bars"),
            StrategyRules.Period("slow", 26, "slow EMA period, bars"),
            StrategyRules.Period("signal", 9, "signal EMA period, bars"),
            StrategyRules.AllowShort(),
        ],
        arguments => new MacdCrossStrategy(arguments),
        [StrategyRule.LessThan("fast", "slow")]);

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        _macd.Update((double)bar.Close);
        return _macd.Macd is { } macd && _macd.Signal is { } signal
            ? StrategyRules.Cross(macd, signal, _allowShort)
            : TargetPosition.Flat;
    }
}
