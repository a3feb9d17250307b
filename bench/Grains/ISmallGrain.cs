namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>The grain of the activation benchmark.</summary>
[Alias("bench.ISmallGrain")]
public interface ISmallGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the grain (first call) and returns its key.</summary>
    Task<long> Touch();
}
