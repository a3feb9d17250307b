using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Streams;

/// <summary>Subscribing and unsubscribing, from grains and from client (non-grain) code.</summary>
public sealed class StreamSubscriptionTests
{
    [Fact]
    public async Task Unsubscribed_grain_gets_no_further_items()
    {
        await using var silo = await TestSilo.StartAsync();
        var leaver = silo.Grains.GetGrain<IStreamConsumerGrain>("leaver");
        var stayer = silo.Grains.GetGrain<IStreamConsumerGrain>("stayer");
        await leaver.Subscribe("Default", "fills", "unsub");
        await stayer.Subscribe("Default", "fills", "unsub");
        var stream = Stream(silo, "fills", "unsub");

        await stream.OnNextAsync(1);
        await silo.Probe.WhenCount("leaver:item");
        Assert.Equal(1, await leaver.UnsubscribeAll());
        Assert.Equal(0, await leaver.UnsubscribeAll());

        await stream.OnNextAsync(2);
        await silo.Probe.WhenCount("stayer:item", 2);
        Assert.Equal([1], await leaver.GetItems());
        Assert.Equal([1, 2], await stayer.GetItems());
    }

    [Fact]
    public async Task Grain_can_unsubscribe_from_inside_its_observer()
    {
        await using var silo = await TestSilo.StartAsync();
        var consumer = silo.Grains.GetGrain<IStreamConsumerGrain>("quitter");
        await consumer.SubscribeUntil("Default", "fills", "quit", stopAt: 2);
        var stream = Stream(silo, "fills", "quit");

        await stream.OnNextBatchAsync([1, 2, 3, 4]);

        await silo.Probe.WhenCount("quitter:unsubscribed");
        Assert.Equal([1, 2], await consumer.GetItems().Within("a call after the observer unsubscribed"));
        Assert.Equal(0, await consumer.UnsubscribeAll());
    }

    [Fact]
    public async Task Client_subscription_receives_items_in_order_and_stops_after_unsubscribe()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = Stream(silo, "alerts", "client");
        var received = new List<int>();
        var gotFirst100 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await stream.SubscribeAsync(item =>
        {
            lock (received)
            {
                received.Add(item);
                if (received.Count == 100)
                {
                    gotFirst100.SetResult();
                }
            }

            return Task.CompletedTask;
        });

        await stream.OnNextBatchAsync(Enumerable.Range(1, 100));
        await gotFirst100.Task.Within("100 items at the client observer");
        Assert.Equal([handle], await stream.GetAllSubscriptionHandles());

        await handle.UnsubscribeAsync();
        Assert.Empty(await stream.GetAllSubscriptionHandles());
        await stream.OnNextAsync(101);
        lock (received)
        {
            Assert.Equal(Enumerable.Range(1, 100), received);
        }
    }

    [Fact]
    public async Task Client_can_unsubscribe_from_inside_its_observer()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = Stream(silo, "alerts", "client-quit");
        var received = new List<int>();
        var unsubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StreamSubscriptionHandle<int>? handle = null;
        handle = await stream.SubscribeAsync(async item =>
        {
            lock (received)
            {
                received.Add(item);
            }

            if (item == 2)
            {
                await handle!.UnsubscribeAsync();
                unsubscribed.SetResult();
            }
        });

        await stream.OnNextBatchAsync([1, 2, 3, 4]);

        await unsubscribed.Task.Within("the client observer to unsubscribe itself");
        lock (received)
        {
            Assert.Equal([1, 2], received);
        }
    }

    [Fact]
    public async Task Unsubscribing_a_full_subscriber_releases_the_waiting_producer()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddMemoryStreams("Small", o => o.QueueCapacity = 2));
        var stream = silo.Cluster.GetStreamProvider("Small").GetStream<int>(StreamId.Create("orders", "leaving"));
        var insideFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await stream.SubscribeAsync(async item =>
        {
            insideFirst.TrySetResult();
            await release.Task;
        });
        await stream.OnNextAsync(1);
        await insideFirst.Task.Within("the subscriber to take item 1");
        await stream.OnNextAsync(2);
        await stream.OnNextAsync(3);
        var waiting = stream.OnNextAsync(4); // queue full
        Assert.False(waiting.IsCompleted);

        await handle.UnsubscribeAsync();

        await waiting.Within("the producer to be released"); // completes, does not fail
        await stream.OnNextAsync(5);
        release.SetResult();
    }

    [Fact]
    public async Task Mutable_items_are_copied_for_each_subscriber_and_immutable_ones_shared()
    {
        await using var silo = await TestSilo.StartAsync();
        var provider = silo.Cluster.GetStreamProvider("Default");
        var tickets = provider.GetStream<OrderTicket>(StreamId.Create("tickets", "copy"));
        var fills = provider.GetStream<FillRecord>(StreamId.Create("fills", "copy"));
        var receivedTickets = new TaskCompletionSource<OrderTicket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var receivedFills = new TaskCompletionSource<FillRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        await tickets.SubscribeAsync(ticket =>
        {
            receivedTickets.SetResult(ticket);
            return Task.CompletedTask;
        });
        await fills.SubscribeAsync(fill =>
        {
            receivedFills.SetResult(fill);
            return Task.CompletedTask;
        });
        var ticket = new OrderTicket { Symbol = "IBM", Quantity = 5m };
        var fill = new FillRecord("T-9", 180m, 5m);

        await tickets.OnNextAsync(ticket);
        ticket.Quantity = 500m; // after publishing: must not reach the subscriber
        await fills.OnNextAsync(fill);

        var deliveredTicket = await receivedTickets.Task.Within("the ticket");
        Assert.NotSame(ticket, deliveredTicket);
        Assert.Equal(5m, deliveredTicket.Quantity);
        Assert.Same(fill, await receivedFills.Task.Within("the fill"));
    }

    private static IAsyncStream<int> Stream(TestSilo silo, string streamNamespace, string key)
        => silo.Cluster.GetStreamProvider("Default").GetStream<int>(StreamId.Create(streamNamespace, key));
}
