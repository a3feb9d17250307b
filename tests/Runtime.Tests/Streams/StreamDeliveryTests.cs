using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Streams;

/// <summary>The in-memory stream provider ("Default", added by the test cluster): ordering, fan-out, batching, backpressure.</summary>
public sealed class StreamDeliveryTests
{
    [Fact]
    public async Task Items_on_one_stream_arrive_in_order()
    {
        const int Items = 10_000;
        await using var silo = await TestSilo.StartAsync();
        var consumer = silo.Grains.GetGrain<IStreamConsumerGrain>("ordered");
        await consumer.Subscribe("Default", "ticks", "MSFT");
        var stream = Stream(silo, "Default", "ticks", "MSFT");

        for (int i = 1; i <= Items; i++)
        {
            await stream.OnNextAsync(i);
        }

        await silo.Probe.WhenCount("ordered:item", Items);
        Assert.Equal(Enumerable.Range(1, Items), silo.Probe.Values<int>("ordered:item"));
        Assert.Equal(Items, (await consumer.GetItems()).Count);
    }

    [Fact]
    public async Task Every_subscriber_gets_every_item()
    {
        const int Items = 500;
        await using var silo = await TestSilo.StartAsync();
        string[] keys = ["fan-1", "fan-2", "fan-3"];
        foreach (var key in keys)
        {
            await silo.Grains.GetGrain<IStreamConsumerGrain>(key).Subscribe("Default", "quotes", "fan");
        }

        await Stream(silo, "Default", "quotes", "fan").OnNextBatchAsync(Enumerable.Range(1, Items));

        foreach (var key in keys)
        {
            await silo.Probe.WhenCount($"{key}:item", Items);
            Assert.Equal(Enumerable.Range(1, Items), silo.Probe.Values<int>($"{key}:item"));
        }
    }

    [Fact]
    public async Task Batch_observer_gets_the_items_queued_while_it_was_busy_as_one_batch()
    {
        await using var silo = await TestSilo.StartAsync();
        var consumer = silo.Grains.GetGrain<IBatchConsumerGrain>("batcher");
        await consumer.Subscribe("Default", "bars", "batch");
        var stream = Stream(silo, "Default", "bars", "batch");

        await stream.OnNextAsync(1);
        await silo.Probe.WhenCount("batcher:batch"); // the first batch ([1]) waits at the gate
        for (int i = 2; i <= 100; i++)
        {
            await stream.OnNextAsync(i);
        }

        silo.Probe.Release("batcher:gate");
        await silo.Probe.WhenCount("batcher:batch", 2);

        Assert.Equal([1, 99], silo.Probe.Values<int>("batcher:batch"));
        Assert.Equal(Enumerable.Range(1, 100), await consumer.GetItems());
    }

    [Fact]
    public async Task Full_subscriber_queue_makes_the_producer_wait_until_the_subscriber_catches_up()
    {
        const int Capacity = 8;
        await using var silo = await TestSilo.StartAsync(s => s.AddMemoryStreams("Bp", o =>
        {
            o.QueueCapacity = Capacity;
            o.MaxBatchSize = 4;
        }));
        var consumer = silo.Grains.GetGrain<IStreamConsumerGrain>("slow");
        await consumer.SubscribeBlockingFirst("Bp", "orders", "bp");
        var stream = Stream(silo, "Bp", "orders", "bp");

        await stream.OnNextAsync(1);
        await silo.Probe.WhenCount("slow:item"); // the subscriber is stuck inside item 1
        for (int i = 2; i <= Capacity + 1; i++)
        {
            Assert.True(stream.OnNextAsync(i).IsCompletedSuccessfully, $"item {i} should fit the queue");
        }

        var blocked = stream.OnNextAsync(Capacity + 2);
        Assert.False(blocked.IsCompleted); // queue full: the producer waits

        silo.Probe.Release("slow:gate");
        await blocked.Within("the producer to be let through");
        await silo.Probe.WhenCount("slow:item", Capacity + 2);
        Assert.Equal(Enumerable.Range(1, Capacity + 2), silo.Probe.Values<int>("slow:item"));
    }

    [Fact]
    public async Task Implicit_subscription_activates_the_grain_with_the_stream_key_and_delivers_to_it()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = Stream(silo, "Default", ImplicitConsumerGrain.StreamNamespace, "AAPL");
        Assert.Equal(0, silo.Probe.Count("AAPL:activated"));

        await stream.OnNextAsync(10);
        await stream.OnNextAsync(20);
        await stream.OnNextAsync(30);

        await silo.Probe.WhenCount("AAPL:item", 3);
        Assert.Equal([10, 20, 30], silo.Probe.Values<int>("AAPL:item"));
        Assert.Equal(1, silo.Probe.Count("AAPL:activated"));
        Assert.Equal([10, 20, 30], await silo.Grains.GetGrain<IImplicitConsumerGrain>("AAPL").GetItems());
        Assert.Equal(0, silo.Probe.Count("NVDA:activated")); // other keys are untouched
    }

    [Fact]
    public async Task Explicit_subscription_survives_deactivation_and_resumes_on_reactivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var consumer = silo.Grains.GetGrain<IResumingConsumerGrain>("resumer");
        await consumer.Subscribe();
        Assert.Equal(0, silo.Probe.Last<int>("resumer:activated"));
        var stream = Stream(silo, "Default", ResumingConsumerGrain.StreamNamespace, "resumer");
        await stream.OnNextAsync(1);
        await silo.Probe.WhenCount("resumer:item");

        await consumer.Deactivate();
        await silo.Probe.WhenCount("resumer:deactivated");
        var id = InProcessTestCluster.GetGrainId(consumer);
        await silo.Cluster.WhenDeactivated(id).Within("the consumer to finish deactivating");
        Assert.False(silo.Cluster.IsActive(id));

        await stream.OnNextAsync(2);
        await stream.OnNextAsync(3);

        await silo.Probe.WhenCount("resumer:item", 3);
        Assert.Equal([1, 2, 3], silo.Probe.Values<int>("resumer:item"));
        Assert.Equal([0, 1], silo.Probe.Values<int>("resumer:activated")); // reactivated by delivery, found its one subscription
    }

    private static IAsyncStream<int> Stream(TestSilo silo, string provider, string streamNamespace, string key)
        => silo.Cluster.GetStreamProvider(provider).GetStream<int>(StreamId.Create(streamNamespace, key));
}
