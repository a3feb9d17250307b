using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>A non-reentrant grain with ordinary, [ReadOnly] and [AlwaysInterleave] methods that block on probe gates.</summary>
public sealed class InterleavingGrain(TestProbe probe) : Grain, IInterleavingGrain
{
    private int _ordinary;
    private int _readers;
    private int _interleaved;

    public async Task Ordinary(string step)
    {
        Enter(step);
        _ordinary++;
        await probe.Gate(step);
        _ordinary--;
    }

    public async Task Read(string step)
    {
        Enter(step);
        _readers++;
        await probe.Gate(step);
        _readers--;
    }

    public async Task Interleaved(string step)
    {
        Enter(step);
        _interleaved++;
        await probe.Gate(step);
        _interleaved--;
    }

    public Task Sync() => Task.CompletedTask;

    private void Enter(string step) => probe.Signal($"{step}:entered", new InFlight(_ordinary, _readers, _interleaved));
}
