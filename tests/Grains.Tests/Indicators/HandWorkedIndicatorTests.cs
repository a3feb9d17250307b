using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>Small cases worked out by hand (the arithmetic is spelled out in the expected values) or taken from a published table.</summary>
public sealed class HandWorkedIndicatorTests
{
    private const double Exact = 1e-12;

    [Fact]
    public void Rsi_reproduces_the_published_StockCharts_table()
    {
        // StockCharts ChartSchool, "Relative Strength Index (RSI)", worksheet cs-rsi.xls: 14-day RSI of these closes,
        // published to two decimals from the 15th close on.
        double[] closes =
        [
            44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
            46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521,
            45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
        ];
        double[] published =
        [
            70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
            45.46, 37.30, 33.08, 37.77,
        ];
        var rsi = new RelativeStrengthIndex(14);
        for (var t = 0; t < closes.Length; t++)
        {
            rsi.Update(closes[t]);
            if (t < 14)
            {
                Assert.Null(rsi.Value);
                Assert.False(rsi.IsReady);
            }
            else
            {
                Assert.InRange(rsi.Value!.Value, published[t - 14] - 0.005, published[t - 14] + 0.005);
            }
        }
    }

    [Fact]
    public void Rsi_follows_Wilder_smoothing_step_by_step()
    {
        // n = 2. Changes: +1 +1 | −1 −1 −1 +1 +2 +1 −5. Seed = mean of the first two: gain 1, loss 0.
        // Then avg ← avg + (x − avg)/2.
        double[] closes = [10, 11, 12, 11, 10, 9, 10, 12, 13, 8];
        double?[] expected =
        [
            null, null,
            100,                        // G 1,       L 0
            50,                         // G 0.5,     L 0.5
            25,                         // G 0.25,    L 0.75
            12.5,                       // G 0.125,   L 0.875
            56.25,                      // G 0.5625,  L 0.4375
            100 * 1.28125 / 1.5,        // G 1.28125, L 0.21875
            100 * 1.140625 / 1.25,      // G 1.140625, L 0.109375
            100 * 0.5703125 / 3.125,    // G 0.5703125, L 2.5546875
        ];
        var rsi = new RelativeStrengthIndex(2);
        for (var t = 0; t < closes.Length; t++)
        {
            rsi.Update(closes[t]);
            AssertNullableEqual(expected[t], rsi.Value);
        }

        Assert.Equal(0.5703125, rsi.AverageGain!.Value, Exact);
        Assert.Equal(2.5546875, rsi.AverageLoss!.Value, Exact);
    }

    [Fact]
    public void Rsi_edge_cases_no_loss_no_gain_no_movement()
    {
        Assert.Equal(100, Feed(new RelativeStrengthIndex(3), [1, 2, 3, 4, 5]));
        Assert.Equal(0, Feed(new RelativeStrengthIndex(3), [5, 4, 3, 2, 1]));
        Assert.Equal(50, Feed(new RelativeStrengthIndex(3), [7, 7, 7, 7, 7]));

        static double? Feed(RelativeStrengthIndex rsi, double[] closes)
        {
            foreach (var c in closes)
            {
                rsi.Update(c);
            }

            return rsi.Value;
        }
    }

    [Fact]
    public void Atr_uses_previous_close_and_Wilder_smoothing()
    {
        // n = 2. (H, L, C):
        // b1 (10, 8, 9)       no TR (no previous close)
        // b2 (11, 9, 10.5)    TR = max(2, |11−9|, |9−9|) = 2
        // b3 (12, 10.5, 11)   TR = max(1.5, |12−10.5|, |10.5−10.5|) = 1.5  → ATR = (2 + 1.5)/2 = 1.75
        // b4 (15, 14, 14.5)   TR = max(1, |15−11|, |14−11|) = 4 (gap up)  → ATR = 1.75 + (4 − 1.75)/2 = 2.875
        // b5 (13, 12, 12.5)   TR = max(1, |13−14.5|, |12−14.5|) = 2.5     → ATR = 2.875 + (2.5 − 2.875)/2 = 2.6875
        double[][] bars = [[10, 8, 9], [11, 9, 10.5], [12, 10.5, 11], [15, 14, 14.5], [13, 12, 12.5]];
        double?[] trueRanges = [null, 2, 1.5, 4, 2.5];
        double?[] atr = [null, null, 1.75, 2.875, 2.6875];
        var indicator = new AverageTrueRange(2);
        Assert.Equal(3, indicator.WarmUpBars);
        for (var t = 0; t < bars.Length; t++)
        {
            indicator.Update(bars[t][0], bars[t][1], bars[t][2]);
            AssertNullableEqual(trueRanges[t], indicator.TrueRange);
            AssertNullableEqual(atr[t], indicator.Value);
        }
    }

    [Fact]
    public void Stochastic_includes_the_current_bar_and_smooths_K_into_D()
    {
        // n = 3, d = 2. (H, L, C):
        // b3 window b1..b3: HH 12, LL 8  → %K = 100·(10 − 8)/4 = 50
        // b4 window b2..b4: HH 13, LL 9  → %K = 100·(13 − 9)/4 = 100, %D = (50 + 100)/2 = 75
        // b5 window b3..b5: HH 13, LL 10 → %K = 100·(12 − 10)/3,       %D = (100 + 200/3)/2
        double[][] bars = [[10, 8, 9], [12, 9, 11], [11, 10, 10], [13, 11, 13], [12, 12, 12]];
        double?[] k = [null, null, 50, 100, 200.0 / 3];
        double?[] d = [null, null, null, 75, (100 + (200.0 / 3)) / 2];
        var indicator = new StochasticOscillator(3, 2);
        for (var t = 0; t < bars.Length; t++)
        {
            indicator.Update(bars[t][0], bars[t][1], bars[t][2]);
            AssertNullableEqual(k[t], indicator.K);
            AssertNullableEqual(d[t], indicator.D);
        }
    }

    [Fact]
    public void Stochastic_is_50_when_the_window_has_no_range()
    {
        var indicator = new StochasticOscillator(2, 2);
        indicator.Update(100, 100, 100);
        indicator.Update(100, 100, 100);
        Assert.Equal(50, indicator.K);
        indicator.Update(100, 100, 100);
        Assert.Equal(50, indicator.K);
        Assert.Equal(50, indicator.D);

        // A range in the window brings the usual definition back: HH 101, LL 100, close 101 → 100.
        indicator.Update(101, 100, 101);
        Assert.Equal(100, indicator.K);
        Assert.Equal(75, indicator.D);
    }

    [Fact]
    public void Bollinger_uses_the_population_standard_deviation()
    {
        // Closes 1, 2, 3, 4: mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25.
        var bands = new BollingerBands(4, 2);
        foreach (var c in new double[] { 1, 2, 3 })
        {
            bands.Update(c);
            Assert.Null(bands.Middle);
            Assert.Null(bands.Upper);
            Assert.Null(bands.Lower);
        }

        bands.Update(4);
        Assert.Equal(2.5, bands.Middle!.Value, Exact);
        Assert.Equal(Math.Sqrt(1.25), bands.StandardDeviation!.Value, Exact);
        Assert.Equal(2.5 + (2 * Math.Sqrt(1.25)), bands.Upper!.Value, Exact);
        Assert.Equal(2.5 - (2 * Math.Sqrt(1.25)), bands.Lower!.Value, Exact);
    }

    [Fact]
    public void Macd_seeds_each_ema_with_its_sma_and_the_signal_with_the_sma_of_macd()
    {
        // fast 2 (α = 2/3), slow 3 (α = 1/2), signal 2 (α = 2/3); closes 10 12 14 9 8 12 15.
        double[] closes = [10, 12, 14, 9, 8, 12, 15];
        const double a2 = 2.0 / 3;
        var fast = new double[7];
        fast[1] = (10 + 12) / 2.0;
        for (var t = 2; t < 7; t++)
        {
            fast[t] = fast[t - 1] + (a2 * (closes[t] - fast[t - 1]));
        }

        var slow = new double[7];
        slow[2] = (10 + 12 + 14) / 3.0;
        for (var t = 3; t < 7; t++)
        {
            slow[t] = slow[t - 1] + (0.5 * (closes[t] - slow[t - 1]));
        }

        var macd = new double[7];
        for (var t = 2; t < 7; t++)
        {
            macd[t] = fast[t] - slow[t];
        }

        var signal = new double[7];
        signal[3] = (macd[2] + macd[3]) / 2;
        for (var t = 4; t < 7; t++)
        {
            signal[t] = signal[t - 1] + (a2 * (macd[t] - signal[t - 1]));
        }

        // Spot-check the hand recursion itself: fast[3] = 13 − 8/3, slow[3] = 10.5, signal[3] = (1 + 13 − 8/3 − 10.5)/2.
        Assert.Equal(13 - (8.0 / 3), fast[3], Exact);
        Assert.Equal(10.5, slow[3], Exact);
        Assert.Equal((1 + 13 - (8.0 / 3) - 10.5) / 2, signal[3], Exact);

        var indicator = new MovingAverageConvergenceDivergence(2, 3, 2);
        Assert.Equal(4, indicator.WarmUpBars);
        for (var t = 0; t < closes.Length; t++)
        {
            indicator.Update(closes[t]);
            AssertNullableEqual(t >= 2 ? macd[t] : null, indicator.Macd);
            AssertNullableEqual(t >= 3 ? signal[t] : null, indicator.Signal);
            AssertNullableEqual(t >= 3 ? macd[t] - signal[t] : null, indicator.Histogram);
            Assert.Equal(t >= 3, indicator.IsReady);
        }
    }

    [Fact]
    public void Ema_is_seeded_with_the_sma_of_the_first_n_values()
    {
        // n = 3, α = 0.5: seed (2 + 4 + 6)/3 = 4, then 4 + 0.5·(8 − 4) = 6, then 6 + 0.5·(2 − 6) = 4.
        var ema = new ExponentialMovingAverage(3);
        Assert.Equal(0.5, ema.Alpha);
        double?[] expected = [null, null, 4, 6, 4];
        double[] inputs = [2, 4, 6, 8, 2];
        for (var t = 0; t < inputs.Length; t++)
        {
            ema.Update(inputs[t]);
            AssertNullableEqual(expected[t], ema.Value);
        }
    }

    [Fact]
    public void Wma_weights_the_newest_value_most()
    {
        // n = 3, weights 1, 2, 3 (sum 6): (1·1 + 2·2 + 3·3)/6, then (1·2 + 2·3 + 3·4)/6, then (1·3 + 2·4 + 3·1)/6.
        var wma = new WeightedMovingAverage(3);
        double?[] expected = [null, null, 14.0 / 6, 20.0 / 6, 14.0 / 6];
        double[] inputs = [1, 2, 3, 4, 1];
        for (var t = 0; t < inputs.Length; t++)
        {
            wma.Update(inputs[t]);
            AssertNullableEqual(expected[t], wma.Value);
        }
    }

    [Fact]
    public void Sma_roc_stdev_and_donchian_small_cases()
    {
        var sma = new SimpleMovingAverage(2);
        var roc = new RateOfChange(2);
        var stdev = new RollingStandardDeviation(2);
        var donchian = new DonchianChannel(2);
        double[] closes = [100, 110, 121, 99];
        double?[] smaExpected = [null, 105, 115.5, 110];
        double?[] rocExpected = [null, null, 0.21, 99.0 / 110 - 1];
        double?[] stdevExpected = [null, 5, 5.5, 11];
        double?[] highExpected = [null, 111, 122, 122];
        double?[] lowExpected = [null, 99, 109, 98];
        for (var t = 0; t < closes.Length; t++)
        {
            sma.Update(closes[t]);
            roc.Update(closes[t]);
            stdev.Update(closes[t]);
            donchian.Update(closes[t] + 1, closes[t] - 1);
            AssertNullableEqual(smaExpected[t], sma.Value);
            AssertNullableEqual(rocExpected[t], roc.Value);
            AssertNullableEqual(stdevExpected[t], stdev.Value);
            AssertNullableEqual(highExpected[t], donchian.High);
            AssertNullableEqual(lowExpected[t], donchian.Low);
        }
    }

    [Fact]
    public void Period_one_indicators_echo_the_input()
    {
        var sma = new SimpleMovingAverage(1);
        var ema = new ExponentialMovingAverage(1);
        var wma = new WeightedMovingAverage(1);
        var stdev = new RollingStandardDeviation(1);
        foreach (var x in new[] { 3.0, 7.5, 1.25 })
        {
            sma.Update(x);
            ema.Update(x);
            wma.Update(x);
            stdev.Update(x);
            Assert.Equal(x, sma.Value);
            Assert.Equal(x, ema.Value);
            Assert.Equal(x, wma.Value);
            Assert.Equal(0, stdev.Value);
        }
    }

    [Fact]
    public void Vwap_resets_at_each_utc_day_and_is_null_without_volume()
    {
        var vwap = new SessionVwap();

        // Day 1: TP 10 × 100 and TP 20 × 300 → (1000 + 6000)/400 = 17.5.
        vwap.Update(new DateTimeOffset(2024, 1, 1, 22, 0, 0, TimeSpan.Zero), 11, 9, 10, 100);
        Assert.Equal(10, vwap.Value!.Value, Exact);
        vwap.Update(new DateTimeOffset(2024, 1, 1, 23, 0, 0, TimeSpan.Zero), 21, 18, 21, 300);
        Assert.Equal(17.5, vwap.Value!.Value, Exact);

        // 01:30 at UTC+02:00 is 23:30 UTC on Jan 1: same session. TP 30 × 100 → (7000 + 3000)/500 = 20.
        vwap.Update(new DateTimeOffset(2024, 1, 2, 1, 30, 0, TimeSpan.FromHours(2)), 31, 29, 30, 100);
        Assert.Equal(20, vwap.Value!.Value, Exact);
        Assert.Equal(3, vwap.SessionBars);

        // Midnight UTC starts a new session; a bar with zero volume leaves the VWAP undefined.
        vwap.Update(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), 41, 39, 40, 0);
        Assert.Null(vwap.Value);
        Assert.False(vwap.IsReady);
        Assert.Equal(new DateOnly(2024, 1, 2), vwap.SessionDate);
        vwap.Update(new DateTimeOffset(2024, 1, 2, 1, 0, 0, TimeSpan.Zero), 51, 49, 50, 10);
        Assert.Equal(50, vwap.Value!.Value, Exact);

        Assert.Throws<ArgumentException>(() => vwap.Update(new DateTimeOffset(2024, 1, 1, 23, 0, 0, TimeSpan.Zero), 51, 49, 50, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => vwap.Update(new DateTimeOffset(2024, 1, 2, 2, 0, 0, TimeSpan.Zero), 51, 49, 50, -1));
        Assert.Equal(5, vwap.Count);
        Assert.Equal(50, vwap.Value!.Value, Exact);
    }

    [Fact]
    public void Bad_input_throws_and_leaves_state_unchanged()
    {
        var sma = new SimpleMovingAverage(2);
        sma.Update(1);
        sma.Update(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => sma.Update(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => sma.Update(double.PositiveInfinity));
        Assert.Equal(2, sma.Count);
        sma.Update(5);
        Assert.Equal(4, sma.Value);

        var atr = new AverageTrueRange(1);
        atr.Update(10, 9, 9.5);
        Assert.Throws<ArgumentException>(() => atr.Update(9, 10, 9.5));
        Assert.Equal(1, atr.Count);
        atr.Update(10, 9, 9.5);
        Assert.Equal(1, atr.Value);

        var roc = new RateOfChange(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => roc.Update(0));
        Assert.Equal(0, roc.Count);
    }

    [Fact]
    public void Constructors_reject_bad_parameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleMovingAverage(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialMovingAverage(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticOscillator(14, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BollingerBands(20, double.NaN));
        Assert.Throws<ArgumentException>(() => new MovingAverageConvergenceDivergence(26, 26, 9));
        Assert.Throws<ArgumentException>(() => new MovingAverageConvergenceDivergence(26, 12, 9));
    }

    [Fact]
    public void Warm_up_bars_match_when_values_appear()
    {
        IIndicator[] indicators =
        [
            new SimpleMovingAverage(5), new ExponentialMovingAverage(5), new WeightedMovingAverage(5), new RelativeStrengthIndex(5),
            new AverageTrueRange(5), new MovingAverageConvergenceDivergence(3, 5, 4), new BollingerBands(5, 2), new StochasticOscillator(5, 3),
            new RateOfChange(5), new RollingStandardDeviation(5), new DonchianChannel(5), new SessionVwap(),
        ];
        int[] expected = [5, 5, 5, 6, 6, 8, 5, 7, 6, 5, 5, 1];
        Assert.Equal(expected, indicators.Select(i => i.WarmUpBars));
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var t = 0; t < 10; t++)
        {
            var close = 100 + ((t * 7) % 5);
            foreach (var indicator in indicators)
            {
                switch (indicator)
                {
                    case SimpleMovingAverage x: x.Update(close); break;
                    case ExponentialMovingAverage x: x.Update(close); break;
                    case WeightedMovingAverage x: x.Update(close); break;
                    case RelativeStrengthIndex x: x.Update(close); break;
                    case AverageTrueRange x: x.Update(close + 1, close - 1, close); break;
                    case MovingAverageConvergenceDivergence x: x.Update(close); break;
                    case BollingerBands x: x.Update(close); break;
                    case StochasticOscillator x: x.Update(close + 1, close - 1, close); break;
                    case RateOfChange x: x.Update(close); break;
                    case RollingStandardDeviation x: x.Update(close); break;
                    case DonchianChannel x: x.Update(close + 1, close - 1); break;
                    case SessionVwap x: x.Update(start.AddMinutes(t), close + 1, close - 1, close, 10); break;
                }

                Assert.Equal(t + 1 >= indicator.WarmUpBars, indicator.IsReady);
                Assert.Equal(t + 1, indicator.Count);
            }
        }
    }

    private static void AssertNullableEqual(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, Exact);
    }
}
