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
}
