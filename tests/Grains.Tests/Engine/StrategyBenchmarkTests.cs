using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Metrics;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Tests.Strategies;

namespace TradingRobotPlug.Grains.Tests.Engine;

/// <summary>
/// The strategy's benchmark (a shadow buy-and-hold account in <see cref="StrategyEngine"/>) and the portfolio's (the
/// sum of its members' benchmark equities).
/// </summary>
public sealed class StrategyBenchmarkTests
{
    private static readonly Bar[] Bars = TestBars.RandomWalk(seed: 11, count: 400);

    private static StrategyEngine Run(StrategySettings settings, string id = "bench-test")
    {
        var engine = new StrategyEngine(StrategyId.Parse(id), settings, StrategyRegistry.Default);
        foreach (var bar in Bars)
        {
            engine.OnBar(bar);
        }

        return engine;
    }

    [Fact]
    public void A_buy_and_hold_strategy_is_its_own_benchmark()
    {
        var engine = Run(new StrategySettings("buy-and-hold", [TestBars.Instrument], Timeframe.OneDay, 10_000m, FeeBps: 5m, FeePerOrder: 1m, SlippageBps: 3m));

        Assert.All(engine.EquityCurve, p => Assert.Equal(p.Equity, p.BenchmarkEquity));
        var m = engine.Metrics.AllTime!.ToSnapshot();
        Assert.Equal(1.0, m.Beta!.Value, 12);
        Assert.Equal(1.0, m.Correlation!.Value, 12);
        Assert.Equal(0.0, m.TrackingError);
        Assert.Null(m.InformationRatio);
        Assert.Equal(0.0, m.ExcessReturn);
        Assert.Equal(TestBars.Instrument, engine.Benchmark);
    }

    [Theory]
    [InlineData("sma-cross:fast=5,slow=20", "all-in")]
    [InlineData("rsi-reversion:period=14,lower=30,upper=70", "percent:50")]
    public void The_benchmark_is_buy_and_hold_with_the_same_capital_fees_and_slippage_whatever_the_sizing(string spec, string sizing)
    {
        var settings = new StrategySettings(spec, [TestBars.Instrument], Timeframe.OneDay, 10_000m, sizing, FeeBps: 5m, FeePerUnit: 0.01m, FeePerOrder: 1m, SlippageBps: 3m);
        var engine = Run(settings);
        var holder = Run(settings with { Spec = "buy-and-hold", Sizing = "all-in" }, "holder");

        Assert.Equal(holder.EquityCurve.Select(p => p.Equity), engine.EquityCurve.Select(p => p.BenchmarkEquity!.Value));
        Assert.Equal(holder.Account.Equity, engine.BenchmarkEquity);
        Assert.NotEqual(engine.Account.Equity, engine.BenchmarkEquity);

        var m = engine.Metrics.AllTime!.ToSnapshot();
        var h = holder.Metrics.AllTime!.ToSnapshot();
        Assert.Equal(h.TotalReturn, m.BenchmarkTotalReturn);
        Assert.Equal(m.TotalReturn!.Value - m.BenchmarkTotalReturn!.Value, m.ExcessReturn!.Value, 15);
        Assert.NotNull(m.Beta);
        Assert.NotNull(m.Alpha);
        Assert.NotNull(m.UpCapture);
        Assert.NotNull(m.DownCapture);
    }

    private static readonly InstrumentId Other = InstrumentId.Parse("OTHER");

    /// <summary>Bars of <see cref="Other"/>: another random walk on the same dates.</summary>
    private static readonly Bar[] OtherBars = [.. TestBars.RandomWalk(seed: 12, count: 400, startClose: 50).Select(b => b with { Instrument = Other })];

    /// <summary>Runs a strategy on <see cref="Bars"/> measured against <see cref="Other"/>, every benchmark bar queued first (the engine feeds each before the first strategy bar that closes at or after it).</summary>
    private static StrategyEngine RunAgainstOther(StrategySettings settings, IReadOnlyList<Bar> benchmarkBars)
    {
        var engine = new StrategyEngine(StrategyId.Parse("against-other"), settings with { Benchmark = Other }, StrategyRegistry.Default);
        foreach (var bar in benchmarkBars)
        {
            engine.QueueBenchmarkBar(bar);
        }

        foreach (var bar in Bars)
        {
            engine.OnBar(bar);
        }

        return engine;
    }

    /// <summary>The <c>buy-and-hold</c> strategy kind run on <paramref name="bars"/> alone: what a separate benchmark must equal.</summary>
    private static StrategyEngine Holder(StrategySettings settings, IEnumerable<Bar> bars)
    {
        var holder = new StrategyEngine(StrategyId.Parse("holder"), settings with { Spec = "buy-and-hold", Sizing = "all-in", Instruments = [Other], Benchmark = null }, StrategyRegistry.Default);
        foreach (var bar in bars)
        {
            holder.OnBar(bar);
        }

        return holder;
    }

    [Fact]
    public void A_benchmark_on_another_instrument_is_the_buy_and_hold_of_that_instrument_marked_at_each_strategy_close()
    {
        var settings = new StrategySettings("sma-cross:fast=5,slow=20", [TestBars.Instrument], Timeframe.OneDay, 10_000m, FeeBps: 5m, FeePerOrder: 1m, SlippageBps: 3m);
        var engine = RunAgainstOther(settings, OtherBars);
        var holder = Holder(settings, OtherBars);
        var own = Run(settings);

        Assert.True(engine.HasSeparateBenchmark);
        Assert.Equal(Other, engine.Benchmark);
        Assert.Equal(holder.EquityCurve.Select(p => p.Equity), engine.EquityCurve.Select(p => p.BenchmarkEquity!.Value));
        // The strategy's own trading does not depend on its benchmark.
        Assert.Equal(own.EquityCurve.Select(p => p.Equity), engine.EquityCurve.Select(p => p.Equity));
        Assert.Equal(own.ClosedTrades.Count, engine.ClosedTrades.Count);
        var m = engine.Metrics.AllTime!.ToSnapshot();
        Assert.Equal(holder.Metrics.AllTime!.ToSnapshot().TotalReturn, m.BenchmarkTotalReturn);
        Assert.NotEqual(own.Metrics.AllTime!.ToSnapshot().Beta, m.Beta);
    }

    [Fact]
    public void On_a_date_the_benchmark_did_not_trade_it_keeps_its_last_close()
    {
        // The benchmark misses every 7th date (its market's holidays): the strategy's mark on such a date carries the
        // benchmark's equity at its previous bar.
        var settings = new StrategySettings("rsi-reversion:period=14,lower=30,upper=70", [TestBars.Instrument], Timeframe.OneDay, 10_000m, FeeBps: 5m);
        var thinned = OtherBars.Where((_, i) => i % 7 != 3).ToArray();
        var engine = RunAgainstOther(settings, thinned);
        var holder = Holder(settings, thinned);
        var byTime = holder.EquityCurve.ToDictionary(p => p.Time, p => p.Equity);

        decimal expected = 10_000m;
        foreach (var point in engine.EquityCurve)
        {
            expected = byTime.GetValueOrDefault(point.Time, expected);
            Assert.Equal(expected, point.BenchmarkEquity);
        }

        Assert.Equal(Bars.Length, engine.EquityCurve.Count);
        Assert.Contains(engine.EquityCurve, p => !byTime.ContainsKey(p.Time));
    }

    [Fact]
    public void Queued_benchmark_bars_are_fed_before_the_first_strategy_bar_closing_at_or_after_them()
    {
        // The benchmark's bars close half a day after the strategy's (another market's hours), and some dates are missing:
        // at each strategy close the benchmark is the holder's equity after the last benchmark bar closed by then.
        var settings = new StrategySettings("sma-cross:fast=5,slow=20", [TestBars.Instrument], Timeframe.OneDay, 10_000m, FeeBps: 5m);
        var shifted = OtherBars.Where((_, i) => i % 5 != 2).Select(b => b with { OpenTime = b.OpenTime.AddHours(12) }).ToArray();
        var holder = Holder(settings, shifted);
        var engine = new StrategyEngine(StrategyId.Parse("queued"), settings with { Benchmark = Other }, StrategyRegistry.Default);
        foreach (var bar in shifted)
        {
            engine.QueueBenchmarkBar(bar);
        }

        Assert.Null(engine.BenchmarkThrough);
        foreach (var bar in Bars)
        {
            engine.OnBar(bar);
            int fed = shifted.Count(b => b.CloseTime <= bar.CloseTime);
            Assert.Equal(fed == 0 ? null : shifted[fed - 1].CloseTime, engine.BenchmarkThrough);
            Assert.Equal(fed == 0 ? 10_000m : holder.EquityCurve[fed - 1].Equity, engine.EquityCurve[^1].BenchmarkEquity);
        }

        // A queued bar is checked when it is fed: one closing before the previous one fed makes that strategy bar throw.
        var refusing = new StrategyEngine(StrategyId.Parse("refusing"), settings with { Benchmark = Other }, StrategyRegistry.Default);
        refusing.QueueBenchmarkBar(OtherBars[1]);
        refusing.QueueBenchmarkBar(OtherBars[0]);
        Assert.Throws<ArgumentException>(() => refusing.OnBar(Bars[1]));

        var own = new StrategyEngine(StrategyId.Parse("own"), settings, StrategyRegistry.Default);
        Assert.Throws<InvalidOperationException>(() => own.QueueBenchmarkBar(OtherBars[0]));
    }

    [Fact]
    public void Benchmark_bars_out_of_order_or_ahead_of_the_next_strategy_bar_are_refused()
    {
        var settings = new StrategySettings("sma-cross:fast=5,slow=20", [TestBars.Instrument], Timeframe.OneDay, 10_000m, Benchmark: Other);
        var engine = new StrategyEngine(StrategyId.Parse("x"), settings, StrategyRegistry.Default);
        engine.OnBenchmarkBar(OtherBars[0]);
        engine.OnBar(Bars[0]);

        // A benchmark bar closing at or before a mark already made would change that mark.
        Assert.Throws<ArgumentException>(() => engine.OnBenchmarkBar(OtherBars[0]));
        // One closing after the next strategy bar is a look-ahead for that bar.
        engine.OnBenchmarkBar(OtherBars[2]);
        Assert.Throws<ArgumentException>(() => engine.OnBar(Bars[1]));

        // With its own instrument as benchmark, the benchmark's bars are the strategy's.
        var own = new StrategyEngine(StrategyId.Parse("y"), settings with { Benchmark = TestBars.Instrument }, StrategyRegistry.Default);
        Assert.False(own.HasSeparateBenchmark);
        Assert.Throws<InvalidOperationException>(() => own.OnBenchmarkBar(OtherBars[0]));
    }

    [Fact]
    public void The_portfolio_benchmark_is_the_sum_of_the_members_benchmark_equities()
    {
        var marks = new List<EquityMark>();
        var folder = new PortfolioEquityFolder(_ => { }, _ => { }, marks.Add);
        var day0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        StrategyUpdated Update(string id, decimal capital, params (int Day, decimal Equity, decimal Benchmark)[] points) => new(
            StrategyId.Parse(id), 1, StrategyStatus.Running, capital, capital, points[^1].Equity, points.Length, day0.AddDays(points[^1].Day), null,
            [.. points.Select(p => new EquityPoint(day0.AddDays(p.Day), p.Equity, p.Benchmark))], [], null, [], [], []);

        folder.Apply(Update("a", 100m, (1, 101m, 102m), (2, 103m, 99m)));
        folder.Apply(Update("b", 50m, (1, 50m, 51m)));
        folder.Advance();
        folder.Apply(Update("b", 50m, (2, 48m, 52m)));
        folder.Advance();

        Assert.Equal([(151m, 153m), (151m, 151m)], marks.Select(m => (m.Equity, m.BenchmarkEquity!.Value)));
    }
}
