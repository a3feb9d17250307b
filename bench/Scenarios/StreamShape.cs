namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>How producers and subscribers of a stream benchmark are arranged.</summary>
public enum StreamShape
{
    /// <summary>100 streams, each with one implicitly subscribed grain.</summary>
    ManyStreams,

    /// <summary>One stream with 100 explicitly subscribed grains.</summary>
    FanOut,
}
