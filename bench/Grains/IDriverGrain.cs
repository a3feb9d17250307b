namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>A grain that calls <see cref="IPingGrain"/>s from inside its own turns (grain-to-grain calls).</summary>
[Alias("bench.IDriverGrain")]
public interface IDriverGrain : IGrainWithIntegerKey
{
    /// <summary>Makes <paramref name="calls"/> sequential calls to pseudo-random grains among the first
    /// <paramref name="targets"/> ping grains; returns the number made (fewer when the run is stopping).</summary>
    Task<int> Run(int calls, int targets);
}
