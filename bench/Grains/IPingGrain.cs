namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>The trivial call target of the local-call benchmarks.</summary>
[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/>.</summary>
    Task<int> Ping(int value);
}
