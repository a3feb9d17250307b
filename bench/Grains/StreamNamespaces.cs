namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>Stream namespaces and the provider name of the stream benchmarks.</summary>
public static class StreamNamespaces
{
    /// <summary>The product's memory stream provider ("market", added by <c>AddTrading</c>), so the benchmark streams
    /// have the product's pull period and delivery batch size.</summary>
    public const string Provider = TradingRobotPlug.GrainInterfaces.Market.StreamNamespaces.Provider;

    /// <summary>Streams with one implicitly subscribed <see cref="ImplicitSinkGrain"/> each (key = subscriber slot).</summary>
    public const string Implicit = "bench-implicit";

    /// <summary>Streams that <see cref="FanOutSinkGrain"/>s subscribe to explicitly.</summary>
    public const string FanOut = "bench-fanout";
}
