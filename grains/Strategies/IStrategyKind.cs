namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// Implemented by every concrete strategy class to publish its <see cref="StrategyDefinition"/>.
/// <see cref="StrategyRegistry.Default"/> finds all implementers in this assembly, so adding a kind means adding
/// one class and nothing else.
/// </summary>
public interface IStrategyKind
{
    /// <summary>The kind's definition (name, parameters, rules, factory).</summary>
    static abstract StrategyDefinition Definition { get; }
}
