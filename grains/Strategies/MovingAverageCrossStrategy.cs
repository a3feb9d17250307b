using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// The moving-average cross rule shared by <see cref="SmaCrossStrategy"/> and <see cref="EmaCrossStrategy"/>: parameters
/// <c>fast</c> &lt; <c>slow</c> (periods in bars) and <c>short</c>; Long while average(fast) &gt; average(slow) of the
/// close, otherwise Flat, or Short while average(fast) &lt; average(slow) when <c>short=true</c> (equal averages: Flat).
/// Warm-up: <c>slow</c> bars. A kind differs only in the average it builds and its defaults.
/// </summary>
public abstract class MovingAverageCrossStrategy : Strategy
{
    private readonly IMovingAverage _fast;
    private readonly IMovingAverage _slow;
    private readonly bool _allowShort;

    /// <summary>Binds the shared parameters and builds both averages with <paramref name="createAverage"/> (period → average).</summary>
    private protected MovingAverageCrossStrategy(StrategyArguments arguments, Func<int, IMovingAverage> createAverage)
        : base(arguments, arguments.GetInt32("slow"))
    {
        ArgumentNullException.ThrowIfNull(createAverage);
        _fast = createAverage(arguments.GetInt32("fast"));
        _slow = createAverage(arguments.GetInt32("slow"));
        _allowShort = arguments.GetBoolean("short");
    }

    /// <summary>The definition of a cross kind: its name, the average's short name (e.g. <c>SMA</c>) for the
    /// descriptions, the default periods and the factory.</summary>
    private protected static StrategyDefinition CreateDefinition(
        string kind, string average, int defaultFast, int defaultSlow, Func<StrategyArguments, Strategy> factory)
        => new(
            kind,
            $"Long while {average}(fast) > {average}(slow); Flat (or Short with short=true) otherwise.",
            [
                StrategyRules.Period("fast", defaultFast, $"fast {average} period, bars"),
                StrategyRules.Period("slow", defaultSlow, $"slow {average} period, bars"),
                StrategyRules.AllowShort(),
            ],
            factory,
            [StrategyRule.LessThan("fast", "slow")]);

    /// <inheritdoc />
    protected sealed override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        var close = (double)bar.Close;
        _fast.Update(close);
        _slow.Update(close);
        return _fast.Value is { } fast && _slow.Value is { } slow
            ? StrategyRules.Cross(fast, slow, _allowShort)
            : TargetPosition.Flat;
    }
}
