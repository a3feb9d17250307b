namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>Stream namespaces (one stream per symbol in each) and the stream provider name.</summary>
public static class StreamNamespaces
{
    /// <summary>The stream provider used for market data.</summary>
    public const string Provider = "market";

    /// <summary>Completed bars (<see cref="Bar"/>), key = symbol.</summary>
    public const string Bars = "bars";

    /// <summary>Ticks (<see cref="Tick"/>), key = symbol.</summary>
    public const string Ticks = "ticks";

    /// <summary>Strategy change events (<see cref="Strategies.StrategyUpdated"/>), one stream with key <see cref="AllStrategiesKey"/>.</summary>
    public const string StrategyUpdates = "strategy-updates";

    /// <summary>The key of the single <see cref="StrategyUpdates"/> stream.</summary>
    public const string AllStrategiesKey = "all";
}
