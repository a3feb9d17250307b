using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams.Filtering;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// Bar events lost on the stream (as when the silo holding a memory-stream queue dies): an Orleans stream filter drops
/// chosen <see cref="BarsPublished"/> events of one instrument, deterministically. The strategy must notice the gap
/// (by the history index of the next event) or the lost tail (by its catch-up check) and end exactly where a plain
/// engine run over every bar ends.
/// </summary>
public sealed class LostBarEventTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static List<Bar> Spx(InstrumentId instrument)
        => [.. new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv"))];

    [Fact]
    public async Task A_lost_batch_in_the_middle_is_backfilled_from_the_history_when_the_next_one_arrives()
    {
        var instrument = InstrumentId.Parse("LOSTMID");
        var bars = Spx(instrument)[..1_500];
        await using var cluster = await TradingTestCluster.StartAsync(configure: DropBatchesStartingAt(instrument, 500));
        var settings = new StrategySettings("sma-cross:fast=20,slow=50", [instrument], Timeframe.OneDay, 100_000m, FeeBps: 5m);
        var grain = cluster.Client.GetGrain<IStrategyGrain>("lost-mid");
        await grain.Create(settings);
        await grain.Start();

        var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        foreach (var chunk in bars.Chunk(250))
        {
            await publisher.PublishBars([.. chunk]); // the batch of bars 500..749 never reaches the strategy
        }

        Assert.Equal(bars.Count, await grain.WaitForBars(bars.Count).WaitAsync(Wait));
        EngineAssert.SameAsEngine(await grain.GetSnapshot(), settings, bars);
    }

    [Fact]
    public async Task A_lost_last_batch_is_caught_up_without_another_event()
    {
        var instrument = InstrumentId.Parse("LOSTEND");
        var bars = Spx(instrument)[..1_000];
        await using var cluster = await TradingTestCluster.StartAsync(configure: DropBatchesStartingAt(instrument, 750));
        var settings = new StrategySettings("rsi-reversion:period=14,lower=30,upper=70", [instrument], Timeframe.OneDay, 100_000m);
        var grain = cluster.Client.GetGrain<IStrategyGrain>("lost-end");
        await grain.Create(settings);
        await grain.Start();

        var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        foreach (var chunk in bars.Chunk(250))
        {
            await publisher.PublishBars([.. chunk]); // the last batch (750..999) never reaches the strategy
        }

        // Nothing else is published: only the strategy's own catch-up check (two quiet checks behind the instrument) gets it there.
        Assert.Equal(bars.Count, await grain.WaitForBars(bars.Count).WaitAsync(Wait));
        EngineAssert.SameAsEngine(await grain.GetSnapshot(), settings, bars);
    }

    private static Action<ISiloBuilder> DropBatchesStartingAt(InstrumentId instrument, long firstSequence)
        => silo =>
        {
            DroppingFilter.Drop(instrument.Symbol, firstSequence);
            silo.AddStreamFilter<DroppingFilter>(StreamNamespaces.Provider);
        };

    /// <summary>Drops, on the bar streams of the named instruments, the published batches that start at the given history index.</summary>
    private sealed class DroppingFilter : IStreamFilter
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Symbol, long FirstSequence), bool> Dropped = new();

        public static void Drop(string symbol, long firstSequence) => Dropped[(symbol, firstSequence)] = true;

        public bool ShouldDeliver(StreamId streamId, object item, string? filterData)
            => item is not BarsPublished published
                || streamId.GetNamespace() != StreamNamespaces.Bars
                || !Dropped.ContainsKey((streamId.GetKeyAsString(), published.FirstSequence));
    }
}
