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

    [Fact]
    public void A_benchmark_on_another_instrument_is_refused_for_now_and_the_own_instrument_is_accepted()
    {
        var other = new StrategySettings("sma-cross:fast=5,slow=20", [TestBars.Instrument], Timeframe.OneDay, 10_000m, Benchmark: InstrumentId.Parse("SPX"));
        var error = Assert.Throws<ArgumentException>(() => new StrategyEngine(StrategyId.Parse("x"), other, StrategyRegistry.Default));
        Assert.Contains(StrategySettingsBinder.BenchmarkMustBeTheInstrument, error.Message);

        var own = Run(other with { Benchmark = TestBars.Instrument });
        Assert.Equal(TestBars.Instrument, own.Benchmark);
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
