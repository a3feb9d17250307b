using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams.Filtering;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// <c>PublishTicks</c> with a sequence is safe to retry: a repeated batch (whole or in part) is acknowledged and its
/// ticks are not published again. An Orleans stream filter counts every tick delivered to the one subscriber (a
/// strategy); the test waits for a last marker tick, after which every earlier delivery has happened (a stream is
/// delivered in order).
/// </summary>
public sealed class TickPublishRetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Open = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_repeated_publish_is_acknowledged_and_delivered_once()
    {
        var instrument = InstrumentId.Parse("RETRYTCK");
        var marker = Open.AddMinutes(10);
        var delivered = TickCounter.Watch(instrument.Symbol, marker);
        await using var cluster = await TradingTestCluster.StartAsync(configure: silo => silo.AddStreamFilter<TickCounter>(StreamNamespaces.Provider));
        var strategy = cluster.Client.GetGrain<IStrategyGrain>("tick-retry");
        await strategy.Create(new StrategySettings("buy-and-hold", [instrument], Timeframe.OneMinute, 10_000m));
        await strategy.Start();
        var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        ImmutableArray<Tick> first = [Tick(0, 100m), Tick(20, 101m), Tick(40, 102m)];

        await publisher.PublishTicks(first, Timeframe.OneMinute, sequence: 0);
        await publisher.PublishTicks(first, Timeframe.OneMinute, sequence: 0); // the retry of a publish that timed out after it ran
        await publisher.PublishTicks([first[2], Tick(70, 103m)], Timeframe.OneMinute, sequence: 2); // overlaps by one tick
        await publisher.PublishTicks([Tick(600, 104m)], Timeframe.OneMinute, sequence: 4);

        var counts = await delivered.WaitAsync(Wait);
        Assert.Equal([0, 20, 40, 70, 600], counts.Keys.Order().Select(t => (int)(t - Open).TotalSeconds));
        Assert.All(counts.Values, n => Assert.Equal(1, n));
        var snapshot = await publisher.GetSnapshot();
        Assert.Equal(5, snapshot.Ticks);
        Assert.Equal(104m, snapshot.LastPrice);
    }

    [Fact]
    public async Task A_sequence_after_the_accepted_ticks_or_negative_is_refused_and_changes_nothing()
    {
        var instrument = InstrumentId.Parse("GAPTCK");
        await using var cluster = await TradingTestCluster.StartAsync();
        var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        await publisher.PublishTicks([Tick(0, 100m, instrument)], Timeframe.OneMinute, sequence: 0);

        var gap = await Assert.ThrowsAsync<ArgumentException>(() => publisher.PublishTicks([Tick(30, 101m, instrument)], Timeframe.OneMinute, sequence: 2));
        Assert.Contains("missing", gap.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => publisher.PublishTicks([Tick(30, 101m, instrument)], Timeframe.OneMinute, sequence: -1));
        Assert.Equal(1, (await publisher.GetSnapshot()).Ticks);

        // Without a sequence every call is applied, as before.
        await publisher.PublishTicks([Tick(30, 101m, instrument)], Timeframe.OneMinute);
        await publisher.PublishTicks([Tick(30, 101m, instrument)], Timeframe.OneMinute);
        Assert.Equal(3, (await publisher.GetSnapshot()).Ticks);
    }

    private static Tick Tick(int seconds, decimal price, InstrumentId? instrument = null)
        => GrainInterfaces.Market.Tick.Create(instrument ?? InstrumentId.Parse("RETRYTCK"), Open.AddSeconds(seconds), price, 1m);

    /// <summary>Counts the ticks delivered on the watched tick streams, by tick time, and completes when the marker tick was delivered.</summary>
    private sealed class TickCounter : IStreamFilter
    {
        private static readonly ConcurrentDictionary<string, Watch> Watches = new();

        public static Task<Dictionary<DateTimeOffset, int>> Watch(string symbol, DateTimeOffset marker)
        {
            var watch = new Watch(marker);
            Watches[symbol] = watch;
            return watch.Done.Task;
        }

        public bool ShouldDeliver(StreamId streamId, object item, string? filterData)
        {
            if (item is ImmutableArray<Tick> ticks && streamId.GetNamespace() == StreamNamespaces.Ticks && Watches.TryGetValue(streamId.GetKeyAsString(), out var watch))
            {
                watch.Count(ticks);
            }

            return true;
        }
    }

    private sealed class Watch(DateTimeOffset marker)
    {
        private readonly Dictionary<DateTimeOffset, int> _counts = [];

        public TaskCompletionSource<Dictionary<DateTimeOffset, int>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Count(ImmutableArray<Tick> ticks)
        {
            lock (_counts)
            {
                foreach (var tick in ticks)
                {
                    _counts[tick.Time] = _counts.GetValueOrDefault(tick.Time) + 1;
                }

                if (ticks.Any(t => t.Time == marker))
                {
                    Done.TrySetResult(new Dictionary<DateTimeOffset, int>(_counts));
                }
            }
        }
    }
}
