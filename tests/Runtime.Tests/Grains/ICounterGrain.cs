using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    [ReadOnly]
    Task<int> Get();

    Task<string> Fail(string message);

    Task<int> Ping(int value);
}
