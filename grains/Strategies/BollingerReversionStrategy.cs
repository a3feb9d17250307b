using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// <c>bollinger-reversion:period=20,k=2</c> (long only): when Flat, go Long if the close is below the lower band;
/// when Long, go Flat if the close is above the middle band; otherwise keep the current target. The bands include
/// the current bar's close. Warm-up: period bars.
/// </summary>
public sealed class BollingerReversionStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "bollinger-reversion";

    private readonly BollingerBands _bands;

    /// <summary>Creates the strategy from typed parameters.</summary>
    /// <param name="period">Band period, 1..10000.</param>
    /// <param name="k">Band half-width in population standard deviations, 0.1..10.</param>
    /// <exception cref="StrategySpecException">A parameter is out of range.</exception>
    public BollingerReversionStrategy(int period = 20, double k = 2)
        : this(Definition.Bind(StrategySpec.Create(KindName, ("period", period), ("k", k))))
    {
    }

    private BollingerReversionStrategy(StrategyArguments arguments)
        : base(arguments, arguments.GetInt32("period"))
    {
        _bands = new BollingerBands(arguments.GetInt32("period"), arguments.GetDouble("k"));
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long-only mean reversion: enter below the lower Bollinger band, exit above the middle band.",
        [
            StrategyRules.Period("period", 20, "band period, bars"),
            StrategyParameter.Real("k", 2, 0.1, 10, "band half-width, standard deviations"),
        ],
        arguments => new BollingerReversionStrategy(arguments));

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current)
    {
        var close = (double)bar.Close;
        _bands.Update(close);
        if (_bands.Lower is not { } lower || _bands.Middle is not { } middle)
        {
            return TargetPosition.Flat;
        }

        return current switch
        {
            TargetPosition.Flat when close < lower => TargetPosition.Long,
            TargetPosition.Long when close > middle => TargetPosition.Flat,
            _ => current,
        };
    }
}
