namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>A subscriber of the fan-out stream benchmark.</summary>
[Alias("bench.IFanOutSinkGrain")]
public interface IFanOutSinkGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes explicitly to stream (<see cref="StreamNamespaces.FanOut"/>, <paramref name="streamKey"/>).</summary>
    Task Subscribe(string streamKey);
}
