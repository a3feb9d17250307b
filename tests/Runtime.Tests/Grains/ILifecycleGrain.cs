using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    /// <summary>Increments the persisted count, writes it, and returns it.</summary>
    Task<int> Increment();

    [ReadOnly]
    Task<int> GetCount();

    Task<string?> GetLabel();

    Task Touch();

    Task KeepAliveFor(TimeSpan duration);

    Task Deactivate();
}
