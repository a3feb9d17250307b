namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>Does nothing but answer: measures the runtime's per-call cost.</summary>
[GrainType("bench-ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    /// <inheritdoc/>
    public Task<int> Ping(int value) => Task.FromResult(value);
}
