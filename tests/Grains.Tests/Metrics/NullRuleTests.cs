using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>Undefined statistics are null, never a sentinel.</summary>
public sealed class NullRuleTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 6, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_daily_return_leaves_volatility_and_sharpe_undefined()
    {
        var s = EquityPathScenarioTests.FromReturns([0.02m]);

        Assert.Equal(1, s.DailyReturnCount);
        Assert.Equal(0.02, s.MeanDailyReturn!.Value, 15);
        Assert.Null(s.Volatility);   // std with ddof = 1 needs two returns
        Assert.Null(s.Sharpe);
        Assert.Null(s.Sortino);      // no negative return
        Assert.Equal(0.0, s.DownsideRisk);
        Assert.NotNull(s.Cagr);
        Assert.Equal(0.02, s.ValueAtRisk95!.Value, 15);
    }

    [Fact]
    public void No_losing_trade_leaves_profit_factor_undefined()
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Daily, T0), null);
        acc.AddTrade(new ClosedTrade(T0.AddHours(-2), T0, 10m, 0m, 0.001));
        acc.AddTrade(new ClosedTrade(T0.AddHours(-2), T0, 0m, 0m, 0.0));

        var s = acc.ToSnapshot();
        Assert.Null(s.ProfitFactor);
        Assert.Null(s.AverageLoss);
        Assert.Null(s.LargestLoss);
        Assert.Equal(0.5, s.WinRate);
    }

    [Fact]
    public void No_downside_leaves_sortino_undefined()
    {
        var s = EquityPathScenarioTests.FromReturns([0.01m, 0.0m, 0.02m]);

        Assert.Equal(0.0, s.DailyReturnMoments.DownsideSumOfSquares);
        Assert.Equal(0.0, s.DownsideRisk);
        Assert.Null(s.Sortino);
        Assert.NotNull(s.Sharpe);
        Assert.Equal(0.0, s.MaxDrawdown);
        Assert.Null(s.Calmar);       // no drawdown → CAGR / 0 undefined
    }

    [Fact]
    public void Constant_returns_leave_sharpe_undefined()
    {
        var s = EquityPathScenarioTests.FromReturns([0.01m, 0.01m, 0.01m]);

        Assert.Equal(0.0, s.Volatility);
        Assert.Null(s.Sharpe);       // mean / 0
    }

    [Fact]
    public void No_marks_leaves_every_equity_figure_undefined()
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.Daily, T0), 5_000m);
        acc.AddTrade(new ClosedTrade(T0.AddHours(-2), T0, -10m, 1m, -0.002));

        var s = acc.ToSnapshot();
        Assert.Equal(0, s.Marks);
        Assert.Equal(5_000m, s.StartEquity);
        Assert.Null(s.EndEquity);
        Assert.Null(s.PeakEquity);
        Assert.Null(s.MaxDrawdown);
        Assert.Null(s.MaxDrawdownAmount);
        Assert.Null(s.Exposure);
        Assert.Null(s.TotalReturn);
        Assert.Equal(0, s.DailyReturnCount);
        Assert.Null(s.MeanDailyReturn);
        Assert.Null(s.Volatility);
        Assert.Null(s.DownsideRisk);
        Assert.Null(s.Sharpe);
        Assert.Null(s.Sortino);
        Assert.Null(s.Cagr);
        Assert.Null(s.Calmar);
        Assert.Null(s.ValueAtRisk95);
        Assert.Null(s.ConditionalValueAtRisk95);
        Assert.Equal(0.0, s.ProfitFactor);
    }

    [Fact]
    public void Without_opening_equity_the_first_mark_is_the_base()
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.AllTime, T0), null);
        acc.AddMark(new EquityMark(T0, 100m, false));
        acc.AddMark(new EquityMark(T0.AddHours(1), 90m, false));
        acc.AddMark(new EquityMark(T0.AddDays(1), 99m, false));

        var s = acc.ToSnapshot();
        Assert.Equal(100m, s.StartEquity);
        // Day 1: 90 / 100 − 1 = −10 %; day 2: 99 / 90 − 1 = +10 %.
        Assert.Equal([-0.1, 0.1], acc.GetDailyReturns().Select(r => Math.Round(r, 15)));
        Assert.Equal(0.1, s.MaxDrawdown!.Value, 15);
        Assert.Equal(-0.01, s.TotalReturn!.Value, 15);
    }
}
