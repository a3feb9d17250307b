namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>
/// Implicitly subscribed to <see cref="HpStreamTests.BlockingNamespace"/>: records every item under its key and
/// holds the first one until the test opens the gate "blocking/{key}" (so its queue fills up).
/// </summary>
[global::TradingRobotPlug.Runtime.Streams.ImplicitStreamSubscription(HpStreamTests.BlockingNamespace)]
public sealed class HpBlockingSinkGrain(HpProbe probe) : Grain, global::TradingRobotPlug.Runtime.Streams.IAsyncObserver<int>
{
    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = global::TradingRobotPlug.Runtime.Streams.GrainStreamingExtensions.GetStreamProvider(this, HpStreamTests.SmallQueueProvider)
            .GetStream<int>(global::TradingRobotPlug.Runtime.Streams.StreamId.Create(HpStreamTests.BlockingNamespace, GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    /// <inheritdoc/>
    public async Task OnNextAsync(int item)
    {
        if (item == 0)
        {
            probe.Receive(GetPrimaryKeyString() + "/entered", item);
            await probe.Gate("blocking/" + GetPrimaryKeyString());
        }

        probe.Receive(GetPrimaryKeyString(), item);
    }
}
