using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// A strategy measured against another instrument: its bars wait until the benchmark's durable history reaches their
/// close, so the results are those of the two series merged in time order whichever arrives first, live and after a
/// rebuild on a new silo.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class StrategyBenchmarkInstrumentTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Bars_wait_for_the_benchmark_history_and_live_and_rebuilt_results_equal_the_time_ordered_engine()
    {
        var instrument = InstrumentId.Parse("BMA");
        var benchmark = InstrumentId.Parse("BMB");
        var spx = new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).Take(1_600).ToList();
        var bars = spx[..600];
        // The benchmark: later S&P prices on the same dates, missing every 9th date (days its market was closed).
        var benchmarkBars = Enumerable.Range(0, 600).Where(i => i % 9 != 4)
            .Select(i => spx[1_000 + i] with { Instrument = benchmark, OpenTime = bars[i].OpenTime }).ToList();
        var settings = new StrategySettings("sma-cross:fast=10,slow=30", [instrument], Timeframe.OneDay, 100_000m, FeeBps: 5m, SlippageBps: 2m, Benchmark: benchmark);
        var expected = TimeOrderedEngine(settings, bars, benchmarkBars);
        string database = await postgres.CreateDatabaseAsync("benchmark_instrument");

        StrategySnapshot live;
        await using (var cluster = await TradingTestCluster.StartAsync(database))
        {
            var grain = cluster.Client.GetGrain<IStrategyGrain>("bm1");
            var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
            var benchmarkPublisher = cluster.Client.GetGrain<IInstrumentGrain>(benchmark.Symbol);
            await grain.Create(settings);
            await grain.Start();

            // The strategy's bars first: with no benchmark history they all wait.
            await publisher.PublishBars([.. bars[..300]]);
            var waiting = await Until(grain, s => s.BarsAwaitingBenchmark == 300);
            Assert.Equal(0, waiting.BarsProcessed);

            // The benchmark through the 200th date releases the first 200 bars, no more.
            await benchmarkPublisher.PublishBars([.. benchmarkBars.Where(b => b.OpenTime <= bars[199].OpenTime)]);
            Assert.Equal(200, await grain.WaitForBars(200).WaitAsync(Wait));
            Assert.Equal(100, (await Until(grain, s => s.BarsProcessed == 200)).BarsAwaitingBenchmark);

            // Then the rest of the benchmark, and the rest of the strategy's bars after it.
            await benchmarkPublisher.PublishBars([.. benchmarkBars.Where(b => b.OpenTime > bars[199].OpenTime)]);
            await publisher.PublishBars([.. bars[300..]]);
            Assert.Equal(600, await grain.WaitForBars(600).WaitAsync(Wait));

            live = await grain.GetSnapshot();
            Assert.Equal(0, live.BarsAwaitingBenchmark);
            Assert.Equal(expected.EquityCurve, await grain.GetEquityCurve());
            Assert.Equal(expected.Metrics.AllTime!.ToSnapshot(), live.Metrics);
            Assert.Equal(expected.Account.Equity, live.Equity);
        }

        // A new silo on the same database rebuilds from both histories to the same numbers.
        await using var second = await TradingTestCluster.StartAsync(database);
        var again = second.Client.GetGrain<IStrategyGrain>("bm1");
        Assert.Equal(600, await again.WaitForBars(600).WaitAsync(Wait));
        Assert.Equal(expected.EquityCurve, await again.GetEquityCurve());
        Assert.Equal(live.Metrics, (await again.GetSnapshot()).Metrics);
    }

    /// <summary>The engine fed both series merged in time order: every benchmark bar queued first, each fed before the first strategy bar closing at or after it.</summary>
    private static StrategyEngine TimeOrderedEngine(StrategySettings settings, IReadOnlyList<Bar> bars, IReadOnlyList<Bar> benchmarkBars)
    {
        var engine = new StrategyEngine(StrategyId.Parse("bm1"), settings, StrategyRegistry.Default);
        foreach (var bar in benchmarkBars)
        {
            engine.QueueBenchmarkBar(bar);
        }

        foreach (var bar in bars)
        {
            engine.OnBar(bar);
        }

        return engine;
    }

    /// <summary>Reads the snapshot until <paramref name="done"/> holds (stream deliveries are asynchronous), at most <see cref="Wait"/>.</summary>
    private static async Task<StrategySnapshot> Until(IStrategyGrain grain, Func<StrategySnapshot, bool> done)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var snapshot = await grain.GetSnapshot();
            if (done(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}
