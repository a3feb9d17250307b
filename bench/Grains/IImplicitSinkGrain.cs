namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// The implicit subscriber of the 100-streams benchmark (key = stream key). Orleans activates implicit subscribers
/// through a grain interface, so the sink needs one even though nothing calls it.
/// </summary>
[Alias("bench.IImplicitSinkGrain")]
public interface IImplicitSinkGrain : IGrainWithStringKey
{
}
