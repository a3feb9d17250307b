using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Keeps an in-memory count and signals <c>{key}:activated</c> on every activation.</summary>
public sealed class FaultyGrain(TestProbe probe) : Grain, IFaultyGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:activated");
        return Task.CompletedTask;
    }

    public Task<int> Increment() => Task.FromResult(++_count);

    public async Task<int> Reject(string message)
    {
        await Task.Yield();
        throw new TradeRejectedException(message);
    }

    public Task RejectSynchronously(string message) => throw new TradeRejectedException(message);
}
