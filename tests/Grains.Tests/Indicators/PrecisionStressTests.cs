using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>
/// Long series designed to break naive running sums: a large level with a tiny spread (catastrophic cancellation in
/// Σx² − (Σx)²/n) after a wild stretch whose rounding errors a naive running sum would carry forever.
/// </summary>
public sealed class PrecisionStressTests
{
    [Fact]
    public void Rolling_sums_and_variance_stay_exact_after_a_wild_regime()
    {
        var random = new Random(12345);
        var x = new double[100_000];
        for (var t = 0; t < x.Length; t++)
        {
            x[t] = t < 20_000
                ? random.NextDouble() * 1e7                       // wild: values up to 10 million
                : 50_000 + ((random.NextDouble() - 0.5) * 1e-3); // calm: level 50,000, spread 0.001 (std/mean ≈ 6e-9)
        }

        const int n = 20;
        var sma = new SimpleMovingAverage(n);
        var wma = new WeightedMovingAverage(n);
        var stdev = new RollingStandardDeviation(n);
        var smaValues = new double?[x.Length];
        var wmaValues = new double?[x.Length];
        var stdevValues = new double?[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            sma.Update(x[t]);
            wma.Update(x[t]);
            stdev.Update(x[t]);
            smaValues[t] = sma.Value;
            wmaValues[t] = wma.Value;
            stdevValues[t] = stdev.Value;
        }

        SeriesAssert.Close("sma", BatchIndicators.Sma(x, n), smaValues);
        SeriesAssert.Close("wma", BatchIndicators.Wma(x, n), wmaValues);
        SeriesAssert.Close("stdev", BatchIndicators.StdDev(x, n), stdevValues);
    }

    [Fact]
    public void Standard_deviation_of_a_constant_window_is_exactly_zero()
    {
        // After values up to 1e6 (Σx² ≈ 1e12) the double-double sums keep a residue of order 2^-106 · 1e12 in the
        // variance; a constant window must still give exactly 0 and its own value as the mean.
        const double level = 2868.53;
        var stdev = new RollingStandardDeviation(5);
        var bands = new BollingerBands(5, 2);
        foreach (var x in new[] { 1e6, 3.3, 7.1, 0.1, 9e5 })
        {
            stdev.Update(x);
            bands.Update(x);
        }

        for (var i = 0; i < 5; i++)
        {
            stdev.Update(level);
            bands.Update(level);
        }

        Assert.Equal(0, stdev.Value);
        Assert.Equal(level, bands.Middle);
        Assert.Equal(level, bands.Upper);
        Assert.Equal(level, bands.Lower);

        // One different value in the window: σ is back, and leaves again once it slides out.
        stdev.Update(level + 1);
        Assert.Equal(Math.Sqrt(0.16), stdev.Value!.Value, 1e-12);
        for (var i = 0; i < 3; i++)
        {
            stdev.Update(level + 1);
            Assert.True(stdev.Value > 0);
        }

        stdev.Update(level + 1);
        Assert.Equal(0, stdev.Value);

        var fresh = new RollingStandardDeviation(5);
        for (var i = 0; i < 7; i++)
        {
            fresh.Update(level);
        }

        Assert.Equal(0, fresh.Value);
    }
}
