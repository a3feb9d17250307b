using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// A strategy grain that loses its activation part way through the S&amp;P 500 file (idle collection, or a whole silo
/// restart on the same PostgreSQL database) rebuilds from the instrument's persisted history and ends with exactly the
/// snapshot, trades, equity curve and metrics buckets of the strategy engine run over every bar in a plain loop.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class StrategyRebuildTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static List<Bar> Spx(InstrumentId instrument)
        => [.. new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv"))];

    private static StrategySettings Settings(InstrumentId instrument, string spec) => new(spec, [instrument], Timeframe.OneDay, 100_000m, FeeBps: 5m, SlippageBps: 2m);

    private static async Task PublishAsync(InProcessTestCluster cluster, IReadOnlyList<Bar> bars)
    {
        var grain = cluster.Client.GetGrain<IInstrumentGrain>(bars[0].Instrument.Symbol);
        foreach (var chunk in bars.Chunk(600))
        {
            await grain.PublishBars([.. chunk]);
        }
    }

    [Fact]
    public async Task Strategy_collected_while_idle_rebuilds_and_finishes_like_an_uninterrupted_engine()
    {
        var instrument = InstrumentId.Parse("RBIDLE");
        var bars = Spx(instrument);
        var settings = Settings(instrument, "sma-cross:fast=20,slow=50");
        await using var cluster = await TradingTestCluster.StartAsync(await postgres.CreateDatabaseAsync("rebuild_idle"));
        var grain = cluster.Client.GetGrain<IStrategyGrain>("rb-idle");
        await grain.Create(settings);
        await grain.Start();
        int half = bars.Count / 2;
        await PublishAsync(cluster, bars[..half]);
        Assert.Equal(half, await grain.WaitForBars(half).WaitAsync(Wait));
        var before = await grain.GetSnapshot();

        // Every grain is idle: Orleans' activation collector, asked to collect everything idle for any time, deactivates them.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.WaitForDeactivationAsync(grain).WaitAsync(Wait);
        Assert.False(cluster.TryGetGrainContext(grain.GetGrainId(), out _));

        var rebuilt = await grain.GetSnapshot(); // reactivates and rebuilds
        Assert.Equal(
            (before.Status, before.Cash, before.Equity, before.BarsProcessed, before.LastBarTime, before.Trades, before.RejectedOrders, before.Metrics),
            (rebuilt.Status, rebuilt.Cash, rebuilt.Equity, rebuilt.BarsProcessed, rebuilt.LastBarTime, rebuilt.Trades, rebuilt.RejectedOrders, rebuilt.Metrics));
        Assert.Equal(before.Positions.ToArray(), rebuilt.Positions.ToArray());
        Assert.Equal(before.OpenOrders.ToArray(), rebuilt.OpenOrders.ToArray());

        await PublishAsync(cluster, bars[half..]);
        Assert.Equal(bars.Count, await grain.WaitForBars(bars.Count).WaitAsync(Wait));
        await AssertSameAsEngineAsync(cluster, "rb-idle", settings, bars);
    }

    [Fact]
    public async Task Strategy_continues_after_a_silo_restart_on_the_same_database_like_an_uninterrupted_engine()
    {
        var instrument = InstrumentId.Parse("RBRST");
        var bars = Spx(instrument);
        var settings = Settings(instrument, "rsi-reversion:period=14,lower=30,upper=70");
        string database = await postgres.CreateDatabaseAsync("rebuild_restart");
        int part = 3_001;
        await using (var first = await TradingTestCluster.StartAsync(database))
        {
            var grain = first.Client.GetGrain<IStrategyGrain>("rb-restart");
            await grain.Create(settings);
            await grain.Start();
            await PublishAsync(first, bars[..part]);
            Assert.Equal(part, await grain.WaitForBars(part).WaitAsync(Wait));
        }

        await using var second = await TradingTestCluster.StartAsync(database);
        var again = second.Client.GetGrain<IStrategyGrain>("rb-restart");
        await again.Create(settings); // idempotent for identical settings; activates and rebuilds
        var snapshot = await again.GetSnapshot();
        Assert.Equal((StrategyStatus.Running, (long)part), (snapshot.Status, snapshot.BarsProcessed));
        await Assert.ThrowsAsync<InvalidOperationException>(again.Start); // still running

        await PublishAsync(second, bars[part..]);
        Assert.Equal(bars.Count, await again.WaitForBars(bars.Count).WaitAsync(Wait));
        await AssertSameAsEngineAsync(second, "rb-restart", settings, bars);
    }

    private static async Task AssertSameAsEngineAsync(InProcessTestCluster cluster, string id, StrategySettings settings, IReadOnlyList<Bar> bars)
    {
        var engine = new StrategyEngine(StrategyId.Parse(id), settings, StrategyRegistry.Default);
        foreach (var bar in bars)
        {
            engine.OnBar(bar);
        }

        var grain = cluster.Client.GetGrain<IStrategyGrain>(id);
        var snapshot = await grain.GetSnapshot();
        Assert.Equal(engine.Account.Equity, snapshot.Equity);
        Assert.Equal(engine.Account.Cash, snapshot.Cash);
        Assert.Equal(bars.Count, snapshot.BarsProcessed);
        Assert.Equal(engine.LastBarTime, snapshot.LastBarTime);
        Assert.Equal(engine.Metrics.AllTime!.ToSnapshot(), snapshot.Metrics);
        ImmutableArray<TradeRecord> expectedTrades = engine.OpenTrade is { } open ? [.. engine.ClosedTrades, open] : [.. engine.ClosedTrades];
        Assert.NotEmpty(engine.ClosedTrades);
        Assert.Equal(expectedTrades.ToArray(), (await grain.GetTrades()).ToArray());
        Assert.Equal(engine.EquityCurve.ToArray(), (await grain.GetEquityCurve()).ToArray());
        foreach (var level in MetricsBook.AllLevels)
        {
            var expected = engine.Metrics.DrainClosed(level).ToList();
            if (engine.Metrics.OpenSnapshot(level) is { } openPeriod)
            {
                expected.Add(openPeriod);
            }

            var held = await cluster.Client.GetGrain<IMetricsBucketGrain>($"{id}/{level.ToCanonicalString()}").GetPeriods(null, null);
            Assert.Equal(expected.ToArray(), held.ToArray());
        }
    }
}
