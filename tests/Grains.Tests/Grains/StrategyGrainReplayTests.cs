using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

public sealed class StrategyGrainReplayTests : IAsyncLifetime
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private InProcessTestCluster _cluster = null!;
    private List<Bar> _bars = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TradingTestCluster.StartAsync();
        _bars = new OhlcvCsvReader(Spx).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).ToList();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<IStrategyGrain> RunAsync(string id, StrategySettings settings)
    {
        var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
        await grain.Create(settings);
        await grain.Start();
        var instrument = _cluster.Client.GetGrain<IInstrumentGrain>(Spx.Symbol);
        foreach (var chunk in _bars.Chunk(700))
        {
            await instrument.PublishBars([.. chunk]);
        }

        Assert.Equal(_bars.Count, await grain.WaitForBars(_bars.Count).WaitAsync(TimeSpan.FromSeconds(60)));
        return grain;
    }

    [Fact]
    public async Task Buy_and_hold_final_equity_equals_hand_computation_from_first_fill_and_last_close()
    {
        const decimal capital = 100_000m;
        const decimal feeBps = 10m;
        var grain = await RunAsync("bh-hand", new StrategySettings("buy-and-hold", [Spx], Timeframe.OneDay, capital, FeeBps: feeBps));

        // Decision on bar 0's close, fill at bar 1's open; all-in whole units: the largest q with q*open*(1+fee) <= cash.
        decimal open1 = _bars[1].Open;
        decimal q = Math.Floor(capital / (open1 * (1 + feeBps / 10_000m)));
        Assert.True(q * open1 * (1 + feeBps / 10_000m) <= capital && (q + 1) * open1 * (1 + feeBps / 10_000m) > capital);
        decimal cash = capital - (q * open1) - (q * open1 * feeBps / 10_000m);
        decimal expected = cash + (q * _bars[^1].Close);

        var snapshot = await grain.GetSnapshot();
        Assert.Equal(expected, snapshot.Equity);
        Assert.Equal(_bars.Count, snapshot.BarsProcessed);
        var trades = await grain.GetTrades();
        var open = Assert.Single(trades);
        Assert.Null(open.ExitTime);
        Assert.Equal(_bars[1].OpenTime, open.EntryTime);
        Assert.Equal(q, open.Quantity);
        var position = await _cluster.Client.GetGrain<IPositionGrain>(new PositionId(StrategyId.Parse("bh-hand"), Spx).ToString()).Get();
        Assert.NotNull(position);
        Assert.Equal(q, position!.Quantity);
    }

    [Theory]
    [InlineData("sma-cross:fast=50,slow=200")]
    [InlineData("rsi-reversion:period=14,lower=30,upper=70")]
    [InlineData("donchian-breakout:entry=20,exit=10")]
    public async Task Grains_give_the_same_results_as_the_engine_run_in_a_plain_loop(string spec)
    {
        var settings = new StrategySettings(spec, [Spx], Timeframe.OneDay, 100_000m, FeeBps: 5m, SlippageBps: 2m);
        var id = "loop-" + Math.Abs(spec.GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var grain = await RunAsync(id, settings);

        var engine = new StrategyEngine(StrategyId.Parse(id), settings, StrategyRegistry.Default);
        foreach (var bar in _bars)
        {
            engine.OnBar(bar);
        }

        var snapshot = await grain.GetSnapshot();
        Assert.Equal(engine.Account.Equity, snapshot.Equity);
        Assert.Equal(engine.ClosedTrades.ToArray(), (await grain.GetTrades()).Take(engine.ClosedTrades.Count).ToArray());
        Assert.Equal(engine.EquityCurve.ToArray(), (await grain.GetEquityCurve()).ToArray());
        Assert.Equal(engine.Metrics.AllTime!.ToSnapshot().Sharpe, snapshot.Metrics!.Sharpe);

        // Buckets: the daily periods held by the bucket grain hold one mark per bar between them, and their net P&L sums to all-time's.
        var daily = await _cluster.Client.GetGrain<IMetricsBucketGrain>($"{id}/daily").GetPeriods(null, null);
        Assert.Equal(_bars.Count, daily.Sum(d => d.Marks));
        Assert.All(daily.SkipLast(1), d => Assert.True(d.IsClosed));
        Assert.Equal(snapshot.Metrics.RealizedPnl, daily.Sum(d => d.RealizedPnl));
    }

    [Fact]
    public async Task No_look_ahead_an_entry_fills_at_the_open_of_the_bar_after_the_signal()
    {
        var grain = await RunAsync("nla", new StrategySettings("sma-cross:fast=5,slow=20", [Spx], Timeframe.OneDay, 100_000m));
        var trades = await grain.GetTrades();
        Assert.NotEmpty(trades);
        var strategy = StrategyRegistry.Default.Create("sma-cross:fast=5,slow=20");
        var signalBars = new List<int>();
        TargetPosition previous = TargetPosition.Flat;
        for (int i = 0; i < _bars.Count; i++)
        {
            var target = strategy.OnBar(_bars[i]);
            if (target == TargetPosition.Long && previous != TargetPosition.Long)
            {
                signalBars.Add(i);
            }

            previous = target;
        }

        foreach (var trade in trades)
        {
            int fillIndex = _bars.FindIndex(b => b.OpenTime == trade.EntryTime);
            Assert.Contains(fillIndex - 1, signalBars);
            Assert.Equal(_bars[fillIndex].Open, trade.EntryPrice);
        }
    }

}
