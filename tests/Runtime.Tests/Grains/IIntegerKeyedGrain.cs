namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IIntegerKeyedGrain : IGrainWithIntegerKey
{
    Task<long> GetKey();
}
