using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class StreamConsumerGrain(TestProbe probe) : Grain, IStreamConsumerGrain
{
    private readonly List<int> _items = [];
    private readonly List<IAsyncStream<int>> _streams = [];

    public Task Subscribe(string provider, string streamNamespace, string streamKey)
        => GetStream(provider, streamNamespace, streamKey).SubscribeAsync(item =>
        {
            Record(item);
            return Task.CompletedTask;
        });

    public Task SubscribeBlockingFirst(string provider, string streamNamespace, string streamKey)
        => GetStream(provider, streamNamespace, streamKey).SubscribeAsync(async item =>
        {
            Record(item);
            if (_items.Count == 1)
            {
                await probe.Gate($"{GetPrimaryKeyString()}:gate");
            }
        });

    public async Task SubscribeUntil(string provider, string streamNamespace, string streamKey, int stopAt)
    {
        StreamSubscriptionHandle<int>? handle = null;
        handle = await GetStream(provider, streamNamespace, streamKey).SubscribeAsync(async item =>
        {
            Record(item);
            if (item == stopAt)
            {
                await handle!.UnsubscribeAsync();
                probe.Signal($"{GetPrimaryKeyString()}:unsubscribed");
            }
        });
    }

    public Task<List<int>> GetItems() => Task.FromResult(_items);

    public async Task<int> UnsubscribeAll()
    {
        int count = 0;
        foreach (var stream in _streams)
        {
            foreach (var handle in await stream.GetAllSubscriptionHandles())
            {
                await handle.UnsubscribeAsync();
                count++;
            }
        }

        return count;
    }

    private IAsyncStream<int> GetStream(string provider, string streamNamespace, string streamKey)
    {
        var stream = this.GetStreamProvider(provider).GetStream<int>(StreamId.Create(streamNamespace, streamKey));
        _streams.Add(stream);
        return stream;
    }

    private void Record(int item)
    {
        _items.Add(item);
        probe.Signal($"{GetPrimaryKeyString()}:item", item);
    }
}
