using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>
/// Behaviour the stream path must keep whatever is done to make it faster: every subscriber gets its own copy of a
/// mutable item (an immutable one may be shared), items arrive in order, and a full subscriber queue makes the
/// producer wait (backpressure) without losing or reordering items.
/// </summary>
public sealed class HpStreamTests(HpClusterFixture fixture) : IClassFixture<HpClusterFixture>
{
    /// <summary>The provider with tiny queues.</summary>
    public const string SmallQueueProvider = "hp-small";

    /// <summary>The namespace <see cref="HpBlockingSinkGrain"/> subscribes to implicitly.</summary>
    public const string BlockingNamespace = "hp-blocking";

    [Fact]
    public async Task Every_subscriber_gets_its_own_copy_of_a_mutable_item()
    {
        var stream = fixture.Cluster.GetStreamProvider("Default").GetStream<HpMutablePayload>(StreamId.Create("hp-mutable", "copies"));
        await stream.SubscribeAsync(item => Record("mutable/a", item));
        await stream.SubscribeAsync(item => Record("mutable/b", item));
        var sent = new HpMutablePayload { Value = 42 };
        await stream.OnNextAsync(sent);
        await fixture.Probe.WhenReceived("mutable/a", 1);
        await fixture.Probe.WhenReceived("mutable/b", 1);
        var a = (HpMutablePayload)fixture.Probe.Received("mutable/a")[0];
        var b = (HpMutablePayload)fixture.Probe.Received("mutable/b")[0];
        Assert.Equal(42, a.Value);
        Assert.Equal(42, b.Value);
        Assert.NotSame(sent, a);
        Assert.NotSame(sent, b);
        Assert.NotSame(a, b);
    }

    [Fact]
    public async Task An_immutable_item_is_shared_not_copied()
    {
        var stream = fixture.Cluster.GetStreamProvider("Default").GetStream<HpImmutablePayload>(StreamId.Create("hp-immutable", "shared"));
        await stream.SubscribeAsync(item => Record("immutable/a", item));
        var sent = new HpImmutablePayload(7);
        await stream.OnNextAsync(sent);
        await fixture.Probe.WhenReceived("immutable/a", 1);
        Assert.Same(sent, fixture.Probe.Received("immutable/a")[0]);
    }

    [Fact]
    public async Task Client_subscribers_receive_every_item_in_order()
    {
        var stream = fixture.Cluster.GetStreamProvider("Default").GetStream<int>(StreamId.Create("hp-order", "client"));
        await stream.SubscribeAsync(item => Record("order/a", item));
        await stream.SubscribeAsync(item => Record("order/b", item));
        for (int i = 0; i < 5_000; i++)
        {
            await stream.OnNextAsync(i);
        }

        await fixture.Probe.WhenReceived("order/a", 5_000);
        await fixture.Probe.WhenReceived("order/b", 5_000);
        Assert.Equal(Enumerable.Range(0, 5_000), fixture.Probe.Received("order/a").Cast<int>());
        Assert.Equal(Enumerable.Range(0, 5_000), fixture.Probe.Received("order/b").Cast<int>());
    }

    [Fact]
    public async Task A_full_subscriber_queue_makes_the_producer_wait_and_loses_nothing()
    {
        var stream = fixture.Cluster.GetStreamProvider(SmallQueueProvider).GetStream<int>(StreamId.Create(BlockingNamespace, "bp"));
        await stream.OnNextAsync(0);
        await fixture.Probe.WhenReceived("bp/entered", 1);

        // Item 0 is held by the subscriber; the queue (capacity 2) takes two more, then the producer must wait.
        Assert.True(stream.OnNextAsync(1).IsCompletedSuccessfully);
        Assert.True(stream.OnNextAsync(2).IsCompletedSuccessfully);
        var waiting = stream.OnNextAsync(3);
        Assert.False(waiting.IsCompleted);
        int sent = 4;
        fixture.Probe.Open("blocking/bp");
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        for (int i = 0; i < 100; i++)
        {
            await stream.OnNextAsync(sent++);
        }

        await fixture.Probe.WhenReceived("bp", sent);
        Assert.Equal(Enumerable.Range(0, sent), fixture.Probe.Received("bp").Cast<int>());
    }

    private Task Record(string key, object item)
    {
        fixture.Probe.Receive(key, item);
        return Task.CompletedTask;
    }
}
