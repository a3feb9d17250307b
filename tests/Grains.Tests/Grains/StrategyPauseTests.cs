using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// Pause and resume points are durable: the bars published while a strategy was paused are never traded, neither
/// live (even when their stream events arrive after the resume) nor by a rebuild after a silo restart, and a strategy
/// that was paused comes back paused with exactly the trading state it had.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class StrategyPauseTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_paused_stretch_is_not_traded_live_nor_after_a_restart_and_a_paused_strategy_stays_paused()
    {
        var instrument = InstrumentId.Parse("PAUSEX");
        var bars = new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).Take(1_000).ToList();
        var settings = new StrategySettings("sma-cross:fast=10,slow=30", [instrument], Timeframe.OneDay, 100_000m, FeeBps: 5m);
        string database = await postgres.CreateDatabaseAsync("pause_points");
        List<Bar> traded = [.. bars[..300], .. bars[600..]];

        StrategySnapshot before;
        await using (var first = await TradingTestCluster.StartAsync(database))
        {
            var grain = first.Client.GetGrain<IStrategyGrain>("pz");
            var publisher = first.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
            await grain.Create(settings);
            await grain.Start();
            await publisher.PublishBars([.. bars[..300]]);
            Assert.Equal(300, await grain.WaitForBars(300).WaitAsync(Wait));

            await grain.Pause();
            await publisher.PublishBars([.. bars[300..600]]); // published while paused; its event may arrive after the resume
            await grain.Start();
            await publisher.PublishBars([.. bars[600..]]);
            Assert.Equal(traded.Count, await grain.WaitForBars(traded.Count).WaitAsync(Wait));

            before = await grain.GetSnapshot();
            EngineAssert.SameAsEngine(before, settings, traded);
            await grain.Pause();
        }

        // A new silo on the same database: the strategy comes back paused and rebuilds without the paused stretch.
        await using var second = await TradingTestCluster.StartAsync(database);
        var again = second.Client.GetGrain<IStrategyGrain>("pz");
        var rebuilt = await again.GetSnapshot();
        Assert.Equal(StrategyStatus.Paused, rebuilt.Status);
        EngineAssert.SameAsEngine(rebuilt, settings, traded);
        Assert.Equal(before.Metrics, rebuilt.Metrics);
    }
}
