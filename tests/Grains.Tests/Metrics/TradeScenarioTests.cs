using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>Hand-worked trade statistics; every expected value is derived in the comments.</summary>
public sealed class TradeScenarioTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 0, 0, TimeSpan.Zero);

    private static MetricsSnapshot Run(params (decimal Pnl, decimal Fees, double Return, int Hours)[] trades)
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.AllTime, T0), 10_000m);
        foreach (var (pnl, fees, ret, hours) in trades)
        {
            acc.AddTrade(new ClosedTrade(T0, T0.AddHours(hours), pnl, fees, ret));
        }

        var snapshot = acc.ToSnapshot();
        // Independent check of every figure against the batch reference.
        var batch = BatchMetrics.Compute(
            trades.Select(t => new ClosedTrade(T0, T0.AddHours(t.Hours), t.Pnl, t.Fees, t.Return)), [], 10_000m);
        MetricsAssert.Equivalent(batch, snapshot, 1e-12);
        return snapshot;
    }

    [Fact]
    public void No_trades()
    {
        var s = Run();

        // Nothing happened: counts and sums are 0; every ratio or average has a zero denominator, so it is null.
        Assert.Equal(0, s.Trades);
        Assert.Equal(0, s.Wins);
        Assert.Equal(0, s.Losses);
        Assert.Equal(0, s.Breakevens);
        Assert.Null(s.WinRate);
        Assert.Equal(0m, s.GrossProfit);
        Assert.Equal(0m, s.GrossLoss);
        Assert.Null(s.ProfitFactor);
        Assert.Equal(0m, s.RealizedPnl);
        Assert.Equal(0m, s.Fees);
        Assert.Null(s.AverageWin);
        Assert.Null(s.AverageLoss);
        Assert.Null(s.Expectancy);
        Assert.Null(s.LargestWin);
        Assert.Null(s.LargestLoss);
        Assert.Null(s.AverageTradeReturn);
        Assert.Null(s.AverageHoldingTime);
    }

    [Fact]
    public void Three_winners()
    {
        // Net P&L +100, +200, +300 (fees 1, 2, 3), returns 1 %, 2 %, 3 %, held 1 h, 2 h, 3 h.
        var s = Run((100m, 1m, 0.01, 1), (200m, 2m, 0.02, 2), (300m, 3m, 0.03, 3));

        Assert.Equal(3, s.Trades);
        Assert.Equal(3, s.Wins);
        Assert.Equal(0, s.Losses);
        Assert.Equal(1.0, s.WinRate);                 // 3 / 3
        Assert.Equal(600m, s.GrossProfit);            // 100 + 200 + 300
        Assert.Equal(0m, s.GrossLoss);
        Assert.Null(s.ProfitFactor);                  // 600 / |0|: no losses → undefined
        Assert.Equal(600m, s.RealizedPnl);                 // 600 + 0
        Assert.Equal(6m, s.Fees);                     // 1 + 2 + 3
        Assert.Equal(200m, s.AverageWin);             // 600 / 3
        Assert.Null(s.AverageLoss);
        Assert.Equal(200m, s.Expectancy);             // 1 × 200 − 0 × (none)
        Assert.Equal(300m, s.LargestWin);
        Assert.Null(s.LargestLoss);
        Assert.Equal(0.02, s.AverageTradeReturn!.Value, 15); // (0.01 + 0.02 + 0.03) / 3
        Assert.Equal(TimeSpan.FromHours(2), s.AverageHoldingTime); // (1 + 2 + 3) h / 3
    }

    [Fact]
    public void Three_losers()
    {
        // Net P&L −50, −150, −100 (fees 1 each), returns −0.5 %, −1.5 %, −1 %, held 1 h, 5 h, 3 h.
        var s = Run((-50m, 1m, -0.005, 1), (-150m, 1m, -0.015, 5), (-100m, 1m, -0.01, 3));

        Assert.Equal(3, s.Trades);
        Assert.Equal(0, s.Wins);
        Assert.Equal(3, s.Losses);
        Assert.Equal(0.0, s.WinRate);                 // 0 / 3
        Assert.Equal(0m, s.GrossProfit);
        Assert.Equal(-300m, s.GrossLoss);             // −50 − 150 − 100
        Assert.Equal(0.0, s.ProfitFactor);            // 0 / |−300| = 0 (defined: there are losses)
        Assert.Equal(-300m, s.RealizedPnl);
        Assert.Equal(3m, s.Fees);
        Assert.Null(s.AverageWin);
        Assert.Equal(-100m, s.AverageLoss);           // −300 / 3
        Assert.Equal(-100m, s.Expectancy);            // 0 × (none) − 1 × |−100|
        Assert.Null(s.LargestWin);
        Assert.Equal(-150m, s.LargestLoss);
        Assert.Equal(-0.01, s.AverageTradeReturn!.Value, 15);
        Assert.Equal(TimeSpan.FromHours(3), s.AverageHoldingTime); // (1 + 5 + 3) h / 3
    }

    [Fact]
    public void Two_losers_and_a_winner()
    {
        // Net P&L −100, −50, +300 (fees 2, 1, 3), returns −1 %, −0.5 %, +3 %, held 2 h, 1 h, 6 h.
        var s = Run((-100m, 2m, -0.01, 2), (-50m, 1m, -0.005, 1), (300m, 3m, 0.03, 6));

        Assert.Equal(3, s.Trades);
        Assert.Equal(1, s.Wins);
        Assert.Equal(2, s.Losses);
        Assert.Equal(1.0 / 3.0, s.WinRate!.Value, 15);   // 1 / 3
        Assert.Equal(300m, s.GrossProfit);
        Assert.Equal(-150m, s.GrossLoss);               // −100 − 50
        Assert.Equal(2.0, s.ProfitFactor);              // 300 / |−150|
        Assert.Equal(150m, s.RealizedPnl);                   // 300 − 150
        Assert.Equal(6m, s.Fees);
        Assert.Equal(300m, s.AverageWin);               // 300 / 1
        Assert.Equal(-75m, s.AverageLoss);              // −150 / 2
        Assert.Equal(50m, s.Expectancy);                // 1/3 × 300 − 2/3 × 75 = 100 − 50 = 50 (= 150 / 3)
        Assert.Equal(300m, s.LargestWin);
        Assert.Equal(-100m, s.LargestLoss);             // the most negative loss
        Assert.Equal(0.005, s.AverageTradeReturn!.Value, 15); // (−0.01 − 0.005 + 0.03) / 3
        Assert.Equal(TimeSpan.FromHours(3), s.AverageHoldingTime); // (2 + 1 + 6) h / 3
    }

    [Fact]
    public void A_breakeven_trade_is_neither_a_win_nor_a_loss_but_counts_in_the_rates()
    {
        // Net P&L +100, 0, −50 (the breakeven trade paid 1 in fees).
        var s = Run((100m, 1m, 0.01, 1), (0m, 1m, 0.0, 1), (-50m, 1m, -0.005, 1));

        Assert.Equal(3, s.Trades);
        Assert.Equal(1, s.Wins);
        Assert.Equal(1, s.Losses);
        Assert.Equal(1, s.Breakevens);
        Assert.Equal(1.0 / 3.0, s.WinRate!.Value, 15);  // 1 / 3, not 1 / 2
        Assert.Equal(2.0, s.ProfitFactor);              // 100 / 50
        Assert.Equal(50m, s.RealizedPnl);
        // 1/3 × 100 − 1/3 × 50 = 50 / 3 = 16.666…
        Assert.Equal(50m / 3m, s.Expectancy);
    }
}
