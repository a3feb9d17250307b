using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary><c>buy-and-hold</c>: Long from the first bar's close on (filled at the second bar's open). Warm-up: 1 bar.</summary>
public sealed class BuyAndHoldStrategy : Strategy, IStrategyKind
{
    /// <summary>The kind name.</summary>
    public const string KindName = "buy-and-hold";

    /// <summary>Creates the strategy.</summary>
    public BuyAndHoldStrategy()
        : this(Definition.Bind(new StrategySpec(KindName)))
    {
    }

    private BuyAndHoldStrategy(StrategyArguments arguments)
        : base(arguments, 1)
    {
    }

    /// <inheritdoc />
    public static StrategyDefinition Definition { get; } = new(
        KindName,
        "Long from the first bar, never exits.",
        [],
        arguments => new BuyAndHoldStrategy(arguments));

    /// <inheritdoc />
    protected override TargetPosition Decide(Bar bar, TargetPosition current) => TargetPosition.Long;
}
