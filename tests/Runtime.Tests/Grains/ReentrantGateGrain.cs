using TradingRobotPlug.Runtime.Concurrency;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantGateGrain(TestProbe probe) : Grain, IReentrantGateGrain
{
    private int _inside;

    public async Task Ordinary(string step)
    {
        probe.Signal($"{step}:entered", _inside);
        _inside++;
        await probe.Gate(step);
        _inside--;
    }
}
