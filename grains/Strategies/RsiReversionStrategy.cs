using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>rsi-reversion:period=14,lower=30,upper=70</c> (long only): when Flat, go Long if RSI(period) &lt; lower; when
/// Long, go Flat if RSI &gt; upper; otherwise keep the current target. Warm-up: period + 1 bars.
/// </summary>
public sealed class RsiReversionStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "rsi-reversion";

    private readonly RelativeStrengthIndex _rsi;
    private readonly double _lower;
    private readonly double _upper;

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="period">RSI period, 1..10000.</param>
    /// <param name="lower">Entry threshold in RSI points, 0..100, less than <paramref name="upper"/>.</param>
    /// <param name="upper">Exit threshold in RSI points, 0..100.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range or lower ≥ upper.</exception>
    public RsiReversionStrategy(int period = 14, double lower = 30, double upper = 70)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("period", period), ("lower", lower), ("upper", upper))))
    {
    }

    private RsiReversionStrategy(StrategyArguments arguments)
        : base(arguments, arguments.GetInt32("period") + 1)
    {
        _rsi = new RelativeStrengthIndex(arguments.GetInt32("period"));
        _lower = arguments.GetDouble("lower");
        _upper = arguments.GetDouble("upper");
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long-only mean reversion: enter when RSI < lower, exit when RSI > upper.",
        [
            StrategyRules.Period("period", 14, "RSI period (Wilder), bars"),
            StrategyParameter.Real("lower", 30, 0, 100, "entry threshold, RSI points"),
            StrategyParameter.Real("upper", 70, 0, 100, "exit threshold, RSI points"),
        ],
        arguments => new RsiReversionStrategy(arguments),
        [StrategyRule.LessThan("lower", "upper")]);

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        _rsi.Update((double)bar.Close);
        if (_rsi.Value is not { } rsi)
        {
            return TargetPosition.Flat;
        }

        return current switch
        {
            TargetPosition.Flat when rsi < _lower => TargetPosition.Long,
            TargetPosition.Long when rsi > _upper => TargetPosition.Flat,
            _ => current,
        };
    }
}
