namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>A small grain with one field of state: what an idle activation costs.</summary>
[GrainType("bench-small")]
public sealed class SmallGrain : Grain, ISmallGrain
{
    private long _touches;

    /// <inheritdoc/>
    public Task<long> Touch()
    {
        _touches++;
        return Task.FromResult(_touches);
    }
}
