using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class DeadlockGrain(TestProbe probe) : Grain, IDeadlockGrain
{
    private int _pings;

    public Task CallThrough(IDeadlockGrain middle) => middle.Bounce(GrainFactory.GetGrain<IDeadlockGrain>(GetPrimaryKeyString()));

    public async Task Bounce(IDeadlockGrain origin)
    {
        var pending = origin.Ping();
        probe.Signal($"{GetPrimaryKeyString()}:bounced");
        await pending;
    }

    public Task<int> Ping() => Task.FromResult(++_pings);
}
