using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>donchian-breakout:entry=20,exit=10</c> (long only, Turtle-style): when Flat, go Long if the close is above
/// the highest high of the <c>entry</c> bars before the current one; when Long, go Flat if the close is below the
/// lowest low of the <c>exit</c> bars before the current one; otherwise keep the current target. The current
/// bar is excluded from both channels (it is compared against them). Warm-up: max(entry, exit) + 1 bars.
/// </summary>
public sealed class DonchianBreakoutStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "donchian-breakout";

    private readonly DonchianChannel _entry;
    private readonly DonchianChannel _exit;

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="entry">Entry channel length, bars, 1..10000.</param>
    /// <param name="exit">Exit channel length, bars, 1..10000.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range.</exception>
    public DonchianBreakoutStrategy(int entry = 20, int exit = 10)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("entry", entry), ("exit", exit))))
    {
    }

    private DonchianBreakoutStrategy(StrategyArguments arguments)
        : base(arguments, Math.Max(arguments.GetInt32("entry"), arguments.GetInt32("exit")) + 1)
    {
        _entry = new DonchianChannel(arguments.GetInt32("entry"));
        _exit = new DonchianChannel(arguments.GetInt32("exit"));
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long-only breakout: enter above the prior entry-bar high, exit below the prior exit-bar low.",
        [
            StrategyRules.Period("entry", 20, "entry channel length, bars before the current one"),
            StrategyRules.Period("exit", 10, "exit channel length, bars before the current one"),
        ],
        arguments => new DonchianBreakoutStrategy(arguments));

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        // Channels as of the previous bar, read before the current bar enters them.
        var priorHigh = _entry.High;
        var priorLow = _exit.Low;
        _entry.Update((double)bar.High, (double)bar.Low);
        _exit.Update((double)bar.High, (double)bar.Low);
        if (priorHigh is not { } high || priorLow is not { } low)
        {
            return TargetPosition.Flat;
        }

        var close = (double)bar.Close;
        return current switch
        {
            TargetPosition.Flat when close > high => TargetPosition.Long,
            TargetPosition.Long when close < low => TargetPosition.Flat,
            _ => current,
        };
    }
}
