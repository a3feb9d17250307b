using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>Hand-worked equity-path statistics (drawdown, daily returns, Sharpe, Sortino, volatility, VaR, CVaR).</summary>
public sealed class EquityPathScenarioTests
{
    private static readonly DateTimeOffset Day1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Ten daily returns; start 1000, each day's close = previous close × (1 + r), exact in decimal:
    //   day  r        close                  running peak   drawdown at close
    //    1  +1.0 %   1010.00                1010           0
    //    2  −2.0 %    989.8000              1010           2 %
    //    3  +3.0 %   1019.494000            1030*          1.02 %   (*intraday mark 1030 at 15:00)
    //    4  −1.0 %   1009.29906000          1030           2.01 %
    //    5  +2.0 %   1029.4850412000        1030           0.05 %
    //    6   0.0 %   1029.485041200000      1030           0.05 %
    //    7  −3.0 %    998.600489964         1030           3.05 %   (intraday mark 978.50 at 15:00: 1 − 978.5/1030 = 5 %)
    //    8  +1.5 %   1013.579497313460      1030           1.59 %
    //    9  +0.5 %   1018.647394800027      1030           1.10 %
    //   10  +1.0 %   1028.833868748028      1030           0.11 %
    private static readonly decimal[] Returns = [0.01m, -0.02m, 0.03m, -0.01m, 0.02m, 0.00m, -0.03m, 0.015m, 0.005m, 0.01m];

    private static (MetricsAccumulator Accumulator, List<EquityMark> Marks) TenDayPath()
    {
        var marks = new List<EquityMark>();
        decimal equity = 1000m;
        for (int d = 0; d < Returns.Length; d++)
        {
            var day = Day1.AddDays(d);
            if (d == 2)
            {
                marks.Add(new EquityMark(day.AddHours(15), 1030m, InMarket: true));
            }

            if (d == 6)
            {
                marks.Add(new EquityMark(day.AddHours(15), 978.5m, InMarket: true));
            }

            equity *= 1m + Returns[d];
            marks.Add(new EquityMark(day.AddHours(21), equity, InMarket: d is < 3 or 6));
        }

        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.AllTime, Day1), 1000m);
        foreach (var m in marks)
        {
            acc.AddMark(m);
        }

        return (acc, marks);
    }

    [Fact]
    public void Ten_day_path_drawdown_exposure_and_growth()
    {
        var (acc, marks) = TenDayPath();
        var s = acc.ToSnapshot();

        Assert.Equal(12, s.Marks);                                 // 10 closes + 2 intraday marks
        Assert.Equal(1000m, s.StartEquity);                        // the starting capital
        Assert.Equal(1028.8338687480275730000000m, s.EndEquity);   // 1000 × Π(1 + r)
        Assert.Equal(1030m, s.PeakEquity);                         // the intraday high of day 3
        // Deepest fall: the day-7 intraday mark 978.50 against the peak 1030: 51.50 = 5 %.
        Assert.Equal(51.5m, s.MaxDrawdownAmount);
        Assert.Equal(0.05, s.MaxDrawdown!.Value, 15);
        // In the market at: closes of days 1, 2, 3, both intraday marks, close of day 7 → 6 of 12 marks.
        Assert.Equal(0.5, s.Exposure);
        // Total return = 1028.833868748… / 1000 − 1 = 0.028833868748027573
        Assert.Equal(0.028833868748027573, s.TotalReturn!.Value, 15);
        // CAGR = 1.028833868748027573^(252 / 10) − 1 = 1.046917624374676 (10 daily returns ≈ 0.0397 years)
        Assert.Equal(1.046917624374676, s.Cagr!.Value, 12);
        // Calmar = CAGR / max drawdown = 1.046917624374676 / 0.05 = 20.93835248749352
        Assert.Equal(20.93835248749352, s.Calmar!.Value, 11);

        MetricsAssert.Equivalent(BatchMetrics.Compute([], marks, 1000m), s, 1e-12);
    }

    [Fact]
    public void Ten_day_path_return_statistics()
    {
        var (acc, _) = TenDayPath();
        var s = acc.ToSnapshot();

        // Daily returns are the close-to-close returns above (intraday marks do not matter); the first is measured
        // from the starting capital 1000: 1010 / 1000 − 1 = 1 %.
        Assert.Equal(
            [0.01, -0.02, 0.03, -0.01, 0.02, 0.0, -0.03, 0.015, 0.005, 0.01],
            acc.GetDailyReturns().Select(r => Math.Round(r, 15)));
        Assert.Equal(10, s.DailyReturnCount);

        // mean = 0.03 / 10 = 0.003
        Assert.Equal(0.003, s.MeanDailyReturn!.Value, 15);
        // deviations from 0.003 (×10⁻³): 7, −23, 27, −13, 17, −3, −33, 12, 2, 7
        // squares (×10⁻⁶): 49 + 529 + 729 + 169 + 289 + 9 + 1089 + 144 + 4 + 49 = 3060 → M2 = 0.00306
        Assert.Equal(0.00306, s.DailyReturnMoments.M2, 15);
        // sample variance = 0.00306 / 9 = 0.00034; std = √0.00034 = 0.018439088914585774
        // volatility = √0.00034 × √252 = √0.08568 = 0.29271146202361126
        Assert.Equal(0.29271146202361126, s.Volatility!.Value, 14);
        // Sharpe = 0.003 / √0.00034 × √252 = √(252 × 9·10⁻⁶ / 0.00034) = √6.670588… = 2.582748194325981
        Assert.Equal(2.582748194325981, s.Sharpe!.Value, 13);
        // downside: min(r, 0)² = 4·10⁻⁴ + 1·10⁻⁴ + 9·10⁻⁴ = 1.4·10⁻³ over all 10 days → mean 1.4·10⁻⁴
        Assert.Equal(0.0014, s.DailyReturnMoments.DownsideSumOfSquares, 15);
        // downside risk = √(1.4·10⁻⁴) × √252 = 0.18782971010998234
        Assert.Equal(0.18782971010998234, s.DownsideRisk!.Value, 14);
        // Sortino = 0.003 × 252 / 0.18782971 = √(252 × 9·10⁻⁶ / 1.4·10⁻⁴) = √16.2 = 4.024922359499621
        Assert.Equal(4.024922359499621, s.Sortino!.Value, 13);

        // VaR 95 %, numpy percentile(r, 5) "linear": sorted r = −0.03, −0.02, −0.01, 0, 0.005, 0.01, 0.01, 0.015,
        // 0.02, 0.03; h = (10 − 1) × 0.05 = 0.45 → between x[0] and x[1]:
        // −0.03 + 0.45 × (−0.02 − (−0.03)) = −0.0255
        Assert.Equal(-0.0255, s.ValueAtRisk95!.Value, 15);
        // CVaR = mean of the returns ≤ −0.0255 = mean(−0.03) = −0.03
        Assert.Equal(-0.03, s.ConditionalValueAtRisk95!.Value, 15);
    }

    [Fact]
    public void Value_at_risk_interpolates_between_order_statistics()
    {
        // 25 daily returns: −5 %, −4 %, −3 %, then 22 × +1 %.
        // h = (25 − 1) × 0.05 = 1.2 → x[1] + 0.2 × (x[2] − x[1]) = −0.04 + 0.2 × 0.01 = −0.038
        // CVaR = mean of returns ≤ −0.038 = (−0.05 − 0.04) / 2 = −0.045
        var s = FromReturns([-0.05m, -0.04m, -0.03m, .. Enumerable.Repeat(0.01m, 22)]);
        Assert.Equal(-0.038, s.ValueAtRisk95!.Value, 15);
        Assert.Equal(-0.045, s.ConditionalValueAtRisk95!.Value, 15);

        // 15 returns: +1 %, −2 %, −5 %, then 12 × +2 %. h = 14 × 0.05 = 0.7 → x[0] + 0.7 × (x[1] − x[0]), which
        // numpy evaluates as x[1] − 0.3 × (x[1] − x[0]) because the weight is ≥ 0.5: −0.02 − 0.3 × 0.03 = −0.029.
        // CVaR = mean of returns ≤ −0.029 = −0.05.
        s = FromReturns([0.01m, -0.02m, -0.05m, .. Enumerable.Repeat(0.02m, 12)]);
        Assert.Equal(-0.029, s.ValueAtRisk95!.Value, 15);
        Assert.Equal(-0.05, s.ConditionalValueAtRisk95!.Value, 15);

        // One return: the percentile of a single value is that value.
        s = FromReturns([-0.01m]);
        Assert.Equal(-0.01, s.ValueAtRisk95!.Value, 15);
        Assert.Equal(-0.01, s.ConditionalValueAtRisk95!.Value, 15);
    }

    /// <summary>One close per day, each the previous × (1 + r), starting from 100.</summary>
    internal static MetricsSnapshot FromReturns(IReadOnlyList<decimal> returns)
    {
        var acc = new MetricsAccumulator(BucketPeriod.For(BucketLevel.AllTime, Day1), 100m);
        decimal equity = 100m;
        for (int d = 0; d < returns.Count; d++)
        {
            equity *= 1m + returns[d];
            acc.AddMark(new EquityMark(Day1.AddDays(d).AddHours(21), equity, InMarket: true));
        }

        return acc.ToSnapshot();
    }
}
