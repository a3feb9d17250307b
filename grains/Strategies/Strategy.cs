using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// Base of all strategies. A strategy sees one completed bar at a time (<see cref="OnBar"/>), decides on that bar's
/// close and returns the position it wants to hold; the caller fills at the next bar's open. A decision on bar t
/// uses only bars 1..t.
/// </summary>
/// <remarks>
/// <para><b>Warm-up.</b> <see cref="WarmUpBars"/> is the number of bars after which every indicator the strategy
/// uses is available; before that the target is <see cref="TargetPosition.Flat"/> (buy-and-hold: 1 bar).</para>
/// <para><b>Persistence.</b> A strategy's state is a pure function of its <see cref="Spec"/> and the bars fed since
/// it was created: it holds no clocks, randomness or external inputs, and arithmetic is deterministic. To restore a
/// strategy, create it from the saved <see cref="Spec"/> and replay the same bars, in order, from the same first
/// bar. (Replaying only the last <see cref="WarmUpBars"/> bars gives the same indicator readiness but not identical
/// EMA/Wilder values, nor the same position for the stateful reversion/breakout kinds.)</para>
/// <para>Instances are not thread-safe; a grain owns one.</para>
/// </remarks>
public abstract class Strategy
{
    /// <summary>Initializes the base.</summary>
    /// <param name="arguments">The checked arguments; their <see cref="StrategyArguments.Spec"/> becomes <see cref="Spec"/>.</param>
    /// <param name="warmUpBars">Bars needed before the strategy can leave Flat, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmUpBars"/> &lt; 1.</exception>
    protected Strategy(StrategyArguments arguments, int warmUpBars)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUpBars, 1);
        Spec = arguments.Spec;
        WarmUpBars = warmUpBars;
    }

    /// <summary>The normalized spec (every parameter, canonical text): enough to rebuild the strategy.</summary>
    public StrategySpec Spec { get; }

    /// <summary>The kind, e.g. <c>sma-cross</c>.</summary>
    public string Kind => Spec.Kind;

    /// <summary>Bars needed before the strategy's indicators are all available and it can leave Flat.</summary>
    public int WarmUpBars { get; }

    /// <summary>Bars seen.</summary>
    public long BarCount { get; private set; }

    /// <summary>True once <see cref="WarmUpBars"/> bars have been seen.</summary>
    public bool IsWarm => BarCount >= WarmUpBars;

    /// <summary>The target decided on the last bar; Flat before the first.</summary>
    public TargetPosition Target { get; private set; }

    /// <summary>Instrument of the first bar; every later bar must match.</summary>
    public InstrumentId? Instrument { get; private set; }

    /// <summary>Timeframe of the first bar; every later bar must match.</summary>
    public Timeframe? Timeframe { get; private set; }

    /// <summary>Open time of the last bar seen.</summary>
    public DateTimeOffset? LastBarTime { get; private set; }

    /// <summary>Feeds the next completed bar and returns the new target.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="ArgumentException">The bar is not after the previous one, or its instrument or timeframe differ from the first bar's (state unchanged).</exception>
    public TargetPosition OnBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (Instrument is { } instrument && bar.Instrument != instrument)
        {
            throw new ArgumentException($"Bar instrument {bar.Instrument.Symbol} differs from the strategy's {instrument.Symbol}.", nameof(bar));
        }

        if (Timeframe is { } timeframe && bar.Timeframe != timeframe)
        {
            throw new ArgumentException($"Bar timeframe {bar.Timeframe} differs from the strategy's {timeframe}.", nameof(bar));
        }

        if (bar.OpenTime <= LastBarTime)
        {
            throw new ArgumentException($"Bar at {bar.OpenTime:O} is not after the previous bar at {LastBarTime:O}.", nameof(bar));
        }

        Target = Decide(bar, Target);
        BarCount++;
        Instrument = bar.Instrument;
        Timeframe = bar.Timeframe;
        LastBarTime = bar.OpenTime;
        return Target;
    }

    /// <summary>Updates the strategy's indicators with <paramref name="bar"/> and decides the target on its close.</summary>
    /// <param name="bar">The completed bar (already checked for order and instrument).</param>
    /// <param name="current">The target decided on the previous bar (Flat at first).</param>
    protected abstract TargetPosition Decide(Bar bar, TargetPosition current);
}
