namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IGuidKeyedGrain : IGrainWithGuidKey
{
    Task<Guid> GetKey();
}
