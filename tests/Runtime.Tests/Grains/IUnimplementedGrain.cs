namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>A grain interface no class implements: getting a reference to it must fail clearly.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task<int> Ping();
}
