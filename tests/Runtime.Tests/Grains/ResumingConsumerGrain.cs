using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class ResumingConsumerGrain(TestProbe probe) : Grain, IResumingConsumerGrain
{
    public const string StreamNamespace = "resume";

    private IAsyncStream<int> Stream => this.GetStreamProvider("Default").GetStream<int>(StreamId.Create(StreamNamespace, GetPrimaryKeyString()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var handles = await Stream.GetAllSubscriptionHandles();
        foreach (var handle in handles)
        {
            await handle.ResumeAsync(OnItem);
        }

        probe.Signal($"{GetPrimaryKeyString()}:activated", handles.Count);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:deactivated", reason);
        return Task.CompletedTask;
    }

    public Task Subscribe() => Stream.SubscribeAsync(OnItem);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private Task OnItem(int item)
    {
        probe.Signal($"{GetPrimaryKeyString()}:item", item);
        return Task.CompletedTask;
    }
}
