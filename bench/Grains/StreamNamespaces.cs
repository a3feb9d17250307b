namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>Stream namespaces and the provider name of the stream benchmarks.</summary>
public static class StreamNamespaces
{
    /// <summary>The memory stream provider the benchmark silo adds.</summary>
    public const string Provider = "bench";

    /// <summary>Streams with one implicitly subscribed <see cref="ImplicitSinkGrain"/> each (key = subscriber slot).</summary>
    public const string Implicit = "bench-implicit";

    /// <summary>Streams that <see cref="FanOutSinkGrain"/>s subscribe to explicitly.</summary>
    public const string FanOut = "bench-fanout";
}
