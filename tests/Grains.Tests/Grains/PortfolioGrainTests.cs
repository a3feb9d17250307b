using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Metrics;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Tests.Metrics;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

public sealed class PortfolioGrainTests : IAsyncLifetime
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly (string Id, StrategySettings Settings)[] Strategies =
    [
        ("p-sma", new StrategySettings("sma-cross:fast=50,slow=200", [Spx], Timeframe.OneDay, 100_000m, FeeBps: 5m, SlippageBps: 2m)),
        ("p-rsi", new StrategySettings("rsi-reversion:period=14,lower=30,upper=70", [Spx], Timeframe.OneDay, 50_000m, FeeBps: 5m)),
        ("p-donchian", new StrategySettings("donchian-breakout:entry=20,exit=10", [Spx], Timeframe.OneDay, 25_000m, FeePerOrder: 1m)),
    ];

    private InProcessTestCluster _cluster = null!;
    private List<Bar> _bars = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TradingTestCluster.StartAsync();
        _bars = new OhlcvCsvReader(Spx).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).ToList();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IPortfolioGrain Portfolio => _cluster.Client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key);

    private async Task ReplayAsync(IEnumerable<Bar> bars)
    {
        var instrument = _cluster.Client.GetGrain<IInstrumentGrain>(Spx.Symbol);
        foreach (var chunk in bars.Chunk(700))
        {
            await instrument.PublishBars([.. chunk]);
        }
    }

    [Fact]
    public async Task Three_strategies_on_real_data_sum_into_the_portfolio_marks_metrics_and_totals()
    {
        await Portfolio.Ensure();
        await Portfolio.Ensure(); // idempotent
        foreach (var (id, settings) in Strategies)
        {
            var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
            await grain.Create(settings);
            await grain.Start();
        }

        await ReplayAsync(_bars);
        foreach (var (id, _) in Strategies)
        {
            await _cluster.Client.GetGrain<IStrategyGrain>(id).WaitForBars(_bars.Count).WaitAsync(Timeout);
        }

        var snapshot = await Portfolio.WaitForMarks(_bars[^1].OpenTime).WaitAsync(Timeout);

        // Expected marks: at each bar, Σ of the strategies' equity curves (read from the strategy grains), and in the
        // market when any strategy holds a position at that close (from the same strategies run in a plain loop).
        var curves = new List<EquityPoint[]>();
        var trades = new List<ClosedTrade>();
        var snapshots = new List<StrategySnapshot>();
        var inMarket = new bool[_bars.Count];
        foreach (var (id, settings) in Strategies)
        {
            var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
            var curve = (await grain.GetEquityCurve()).ToArray();
            Assert.Equal(_bars.Select(b => b.OpenTime), curve.Select(p => p.Time));
            curves.Add(curve);
            trades.AddRange((await grain.GetTrades()).Where(t => t.ExitTime is not null).Select(t => new ClosedTrade(t.EntryTime, t.ExitTime!.Value, t.Pnl, t.Fees, t.Return)));
            snapshots.Add(await grain.GetSnapshot());

            var engine = new StrategyEngine(StrategyId.Parse(id), settings, StrategyRegistry.Default);
            for (int i = 0; i < _bars.Count; i++)
            {
                engine.OnBar(_bars[i]);
                inMarket[i] |= engine.Account.PositionQuantity(Spx) != 0;
            }
        }

        var marks = Enumerable.Range(0, _bars.Count)
            .Select(i => new EquityMark(_bars[i].OpenTime, curves.Sum(c => c[i].Equity), inMarket[i], curves.Sum(c => c[i].BenchmarkEquity!.Value)))
            .ToArray();
        Assert.Contains(false, inMarket);
        Assert.Contains(true, inMarket);

        // The portfolio's marks, as its daily buckets hold them: one bar close per UTC day, so one mark per daily bucket
        // with marks (a day can also hold only a trade: fills happen at a bar's open, which on a Monday is not a close).
        var periods = await _cluster.Client.GetGrain<IMetricsBucketGrain>($"{IPortfolioGrain.Key}/daily").GetPeriods(null, null);
        Assert.Equal(_bars.Count, periods.Sum(d => d.Marks));
        var daily = periods.Where(d => d.Marks > 0).ToArray();
        Assert.Equal(_bars.Count, daily.Length);
        for (int i = 0; i < marks.Length; i++)
        {
            Assert.Equal(1, daily[i].Marks);
            Assert.Equal(marks[i].Time, daily[i].LastMarkTime);
            Assert.Equal(marks[i].Equity, daily[i].EndEquity);
        }

        // All-time metrics: a batch recomputation from the summed marks and the union of the trades.
        decimal capital = Strategies.Sum(s => s.Settings.InitialCapital);
        var expected = BatchMetrics.Compute(trades, marks, capital);

        // The benchmark figures of the portfolio: those of its summed marks with Σ of the members' benchmark equities
        // (each figure is checked against empyrical's formulas in BenchmarkRelativeMetricsTests).
        var direct = new MetricsAccumulator(BucketPeriod.For(BucketLevel.AllTime, DateTimeOffset.UnixEpoch), capital, capital);
        foreach (var mark in marks)
        {
            direct.AddMark(mark);
        }

        var relative = direct.ToSnapshot();
        Assert.NotNull(relative.Beta);
        expected = expected with
        {
            BenchmarkTotalReturn = relative.BenchmarkTotalReturn,
            Alpha = relative.Alpha,
            Beta = relative.Beta,
            Correlation = relative.Correlation,
            TrackingError = relative.TrackingError,
            InformationRatio = relative.InformationRatio,
            UpCapture = relative.UpCapture,
            DownCapture = relative.DownCapture,
            ExcessReturn = relative.ExcessReturn,
        };
        Assert.NotNull(snapshot.Metrics);
        Assert.True(expected.Trades > 10);
        MetricsAssert.Equivalent(expected, snapshot.Metrics!, 1e-9, "portfolio all_time");
        var allTime = Assert.Single(await _cluster.Client.GetGrain<IMetricsBucketGrain>($"{IPortfolioGrain.Key}/all_time").GetPeriods(null, null));
        Assert.Equal(snapshot.Metrics, allTime);

        // Totals: sums of the strategy snapshots.
        Assert.Equal(Strategies.Length, snapshot.Strategies);
        Assert.Equal(capital, snapshot.InitialCapital);
        Assert.Equal(snapshots.Sum(s => s.Cash), snapshot.Cash);
        Assert.Equal(snapshots.Sum(s => s.Equity), snapshot.Equity);
        Assert.Equal(marks[^1].Equity, snapshot.Equity);
        Assert.Equal(snapshots.Sum(s => s.Equity) - capital, snapshot.NetPnl);
        Assert.Equal(snapshots.Sum(s => (long)s.Trades), snapshot.Trades);
        Assert.Equal(_bars[^1].OpenTime, snapshot.MarkedThroughUtc);
    }

    [Fact]
    public async Task Strategies_that_exist_before_the_portfolio_subscribes_are_members()
    {
        // Created and started before Ensure (as after a restart): their lifecycle updates were published before the
        // portfolio listened, so only the directory tells it they exist.
        foreach (var (id, settings) in Strategies.Take(2))
        {
            var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
            await grain.Create(settings);
            await grain.Start();
        }

        await Portfolio.Ensure();
        var bars = _bars.Take(250).ToList();
        await ReplayAsync(bars);
        var snapshot = await Portfolio.WaitForMarks(bars[^1].OpenTime).WaitAsync(Timeout);

        decimal expected = 0m;
        foreach (var (id, _) in Strategies.Take(2))
        {
            expected += (await _cluster.Client.GetGrain<IStrategyGrain>(id).GetEquityCurve())[^1].Equity;
        }

        Assert.Equal(2, snapshot.Strategies);
        Assert.Equal(expected, snapshot.Metrics!.EndEquity);
        Assert.Equal(Strategies.Take(2).Sum(s => s.Settings.InitialCapital), snapshot.Metrics.StartEquity);
        Assert.Equal(bars.Count, snapshot.Metrics.Marks);
    }

    [Fact]
    public async Task A_deleted_strategy_drops_out_of_the_totals()
    {
        await Portfolio.Ensure();
        foreach (var (id, settings) in Strategies.Take(2))
        {
            var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
            await grain.Create(settings);
            await grain.Start();
        }

        var bars = _bars.Take(300).ToList();
        await ReplayAsync(bars);
        var before = await Portfolio.WaitForMarks(bars[^1].OpenTime).WaitAsync(Timeout);
        Assert.Equal(2, before.Strategies);

        var deleted = _cluster.Client.GetGrain<IStrategyGrain>(Strategies[1].Id);
        var deletedSnapshot = await deleted.GetSnapshot();
        var kept = await _cluster.Client.GetGrain<IStrategyGrain>(Strategies[0].Id).GetSnapshot();
        await deleted.Delete();

        // The deletion's update is folded before the marks of any later bar, so wait for one more bar.
        await ReplayAsync(_bars.Skip(300).Take(1));
        var after = await Portfolio.WaitForMarks(_bars[300].OpenTime).WaitAsync(Timeout);
        var keptNow = await _cluster.Client.GetGrain<IStrategyGrain>(Strategies[0].Id).GetSnapshot();
        Assert.Equal(1, after.Strategies);
        Assert.Equal(Strategies[0].Settings.InitialCapital, after.InitialCapital);
        Assert.Equal(keptNow.Equity, after.Equity);
        Assert.Equal(keptNow.Cash, after.Cash);
        Assert.Equal(keptNow.Trades, after.Trades);
        Assert.Equal(before.Equity, kept.Equity + deletedSnapshot.Equity);
    }
}
