using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class BlockingGrain(TestProbe probe) : Grain, IBlockingGrain
{
    public async Task Block(string gate)
    {
        probe.Signal($"{gate}:entered");
        await probe.Gate(gate);
    }

    public Task<int> Ping(int value) => Task.FromResult(value);
}
