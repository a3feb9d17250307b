using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class BatchConsumerGrain(TestProbe probe) : Grain, IBatchConsumerGrain
{
    private readonly List<int> _items = [];
    private int _batches;

    public Task Subscribe(string provider, string streamNamespace, string streamKey)
        => this.GetStreamProvider(provider).GetStream<int>(StreamId.Create(streamNamespace, streamKey)).SubscribeAsync(new BatchRecorder(OnBatchAsync));

    public Task<List<int>> GetItems() => Task.FromResult(_items);

    private async Task OnBatchAsync(IReadOnlyList<int> items)
    {
        _items.AddRange(items);
        probe.Signal($"{GetPrimaryKeyString()}:batch", items.Count);
        if (++_batches == 1)
        {
            await probe.Gate($"{GetPrimaryKeyString()}:gate");
        }
    }
}
