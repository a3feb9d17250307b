using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>
/// Every indicator, fed the whole S&amp;P 500 daily file one bar at a time, against the independent batch computation in
/// <see cref="BatchIndicators"/>: same ready/not-ready bars, relative error ≤ 1e-9 at every bar.
/// </summary>
public sealed class SpxReferenceTests
{
    private static readonly SpxDaily Data = SpxDaily.Instance;

    [Fact]
    public void Data_file_is_the_whole_series()
    {
        Assert.Equal(5105, Data.Count); // header + 5,105 rows (data/README.md says 5,104)
        Assert.Equal(new DateTimeOffset(2000, 1, 3, 0, 0, 0, TimeSpan.Zero), Data.Dates[0]);
        Assert.Equal(new DateTimeOffset(2020, 4, 17, 0, 0, 0, TimeSpan.Zero), Data.Dates[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(200)]
    public void Sma_matches_batch(int n)
    {
        var indicator = new SimpleMovingAverage(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"sma_{n}", BatchIndicators.Sma(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(200)]
    public void Ema_matches_batch(int n)
    {
        var indicator = new ExponentialMovingAverage(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"ema_{n}", BatchIndicators.Ema(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(200)]
    public void Wma_matches_batch(int n)
    {
        var indicator = new WeightedMovingAverage(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"wma_{n}", BatchIndicators.Wma(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(14)]
    [InlineData(50)]
    public void Rsi_matches_batch(int n)
    {
        var indicator = new RelativeStrengthIndex(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"rsi_{n}", BatchIndicators.Rsi(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(50)]
    public void Atr_matches_batch(int n)
    {
        var indicator = new AverageTrueRange(n);
        var actual = Run(t => indicator.Update(Data.High[t], Data.Low[t], Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"atr_{n}", BatchIndicators.Atr(Data.High, Data.Low, Data.Close, n), actual);
    }

    [Theory]
    [InlineData(12, 26, 9)]
    [InlineData(5, 35, 5)]
    [InlineData(1, 2, 1)]
    public void Macd_matches_batch(int fast, int slow, int signal)
    {
        var indicator = new MovingAverageConvergenceDivergence(fast, slow, signal);
        var macd = new double?[Data.Count];
        var signalLine = new double?[Data.Count];
        var histogram = new double?[Data.Count];
        for (var t = 0; t < Data.Count; t++)
        {
            indicator.Update(Data.Close[t]);
            macd[t] = indicator.Macd;
            signalLine[t] = indicator.Signal;
            histogram[t] = indicator.Histogram;
            Assert.Equal(signalLine[t].HasValue, indicator.IsReady);
        }

        var expected = BatchIndicators.Macd(Data.Close, fast, slow, signal);
        SeriesAssert.Close("macd", expected.Macd, macd, Data.Close);
        SeriesAssert.Close("macd_signal", expected.Signal, signalLine, Data.Close);
        SeriesAssert.Close("macd_hist", expected.Histogram, histogram, Data.Close);
    }

    [Theory]
    [InlineData(20, 2.0)]
    [InlineData(1, 2.0)]
    [InlineData(50, 2.5)]
    public void Bollinger_matches_batch(int n, double k)
    {
        var indicator = new BollingerBands(n, k);
        var lower = new double?[Data.Count];
        var middle = new double?[Data.Count];
        var upper = new double?[Data.Count];
        for (var t = 0; t < Data.Count; t++)
        {
            indicator.Update(Data.Close[t]);
            lower[t] = indicator.Lower;
            middle[t] = indicator.Middle;
            upper[t] = indicator.Upper;
        }

        var expected = BatchIndicators.Bollinger(Data.Close, n, k);
        SeriesAssert.Close("bb_lower", expected.Lower, lower);
        SeriesAssert.Close("bb_middle", expected.Middle, middle);
        SeriesAssert.Close("bb_upper", expected.Upper, upper);
    }

    [Theory]
    [InlineData(14, 3)]
    [InlineData(1, 1)]
    [InlineData(50, 5)]
    public void Stochastic_matches_batch(int n, int d)
    {
        var indicator = new StochasticOscillator(n, d);
        var k = new double?[Data.Count];
        var dSeries = new double?[Data.Count];
        for (var t = 0; t < Data.Count; t++)
        {
            indicator.Update(Data.High[t], Data.Low[t], Data.Close[t]);
            k[t] = indicator.K;
            dSeries[t] = indicator.D;
        }

        var expected = BatchIndicators.Stochastic(Data.High, Data.Low, Data.Close, n, d);
        SeriesAssert.Close("stoch_k", expected.K, k);
        SeriesAssert.Close("stoch_d", expected.D, dSeries);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(250)]
    public void Roc_matches_batch(int n)
    {
        var indicator = new RateOfChange(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"roc_{n}", BatchIndicators.Roc(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    [InlineData(200)]
    public void StdDev_matches_batch(int n)
    {
        var indicator = new RollingStandardDeviation(n);
        var actual = Run(t => indicator.Update(Data.Close[t]), () => indicator.Value);
        SeriesAssert.Close($"stdev_{n}", BatchIndicators.StdDev(Data.Close, n), actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(55)]
    public void Donchian_matches_batch(int n)
    {
        var indicator = new DonchianChannel(n);
        var high = new double?[Data.Count];
        var low = new double?[Data.Count];
        for (var t = 0; t < Data.Count; t++)
        {
            indicator.Update(Data.High[t], Data.Low[t]);
            high[t] = indicator.High;
            low[t] = indicator.Low;
        }

        var expected = BatchIndicators.Donchian(Data.High, Data.Low, n);
        SeriesAssert.Close("donchian_high", expected.High, high);
        SeriesAssert.Close("donchian_low", expected.Low, low);
    }

    [Fact]
    public void Vwap_matches_batch_on_daily_sessions()
    {
        var indicator = new SessionVwap();
        var actual = Run(t => indicator.Update(Data.Dates[t], Data.High[t], Data.Low[t], Data.Close[t], Data.Volume[t]), () => indicator.Value);
        SeriesAssert.Close("vwap", BatchIndicators.SessionVwap(Data.Dates, Data.High, Data.Low, Data.Close, Data.Volume), actual);
    }

    [Fact]
    public void Vwap_matches_batch_when_sessions_span_several_bars()
    {
        // Same prices, synthetic times 5 hours apart from 03:00 UTC, so UTC days hold 4 or 5 bars and the
        // session boundary falls at varying bar positions.
        var start = new DateTimeOffset(2000, 1, 3, 3, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, Data.Count).Select(i => start.AddHours(5 * i)).ToArray();
        var indicator = new SessionVwap();
        var actual = Run(t => indicator.Update(times[t], Data.High[t], Data.Low[t], Data.Close[t], Data.Volume[t]), () => indicator.Value);
        SeriesAssert.Close("vwap", BatchIndicators.SessionVwap(times, Data.High, Data.Low, Data.Close, Data.Volume), actual);
    }

    [Fact]
    public void IndicatorSet_with_the_full_spec_matches_batch_column_by_column()
    {
        var set = IndicatorSet.Parse("sma:20,ema:20,wma:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14,stoch:14:3,roc:10,donchian:20,vwap,stdev:20");
        var columns = new Dictionary<string, double?[]>();
        foreach (var name in set.ColumnNames)
        {
            columns[name] = new double?[Data.Count];
        }

        var firstReady = -1;
        for (var t = 0; t < Data.Count; t++)
        {
            var bar = GrainInterfaces.Market.Bar.Create(
                GrainInterfaces.Market.InstrumentId.Parse("SPX"),
                GrainInterfaces.Market.Timeframe.OneDay,
                Data.Dates[t],
                Data.OpenDecimal[t],
                Data.HighDecimal[t],
                Data.LowDecimal[t],
                Data.CloseDecimal[t],
                Data.VolumeDecimal[t]);
            set.Update(bar);
            var values = set.GetValues();
            for (var c = 0; c < values.Length; c++)
            {
                columns[set.ColumnNames[c]][t] = values[c];
            }

            if (firstReady < 0 && set.IsReady)
            {
                firstReady = t;
            }
        }

        Assert.Equal(set.WarmUpBars - 1, firstReady);
        var macd = BatchIndicators.Macd(Data.Close, 12, 26, 9);
        var bollinger = BatchIndicators.Bollinger(Data.Close, 20, 2);
        var stochastic = BatchIndicators.Stochastic(Data.High, Data.Low, Data.Close, 14, 3);
        var donchian = BatchIndicators.Donchian(Data.High, Data.Low, 20);
        var expected = new Dictionary<string, double?[]>
        {
            ["sma_20"] = BatchIndicators.Sma(Data.Close, 20),
            ["ema_20"] = BatchIndicators.Ema(Data.Close, 20),
            ["wma_20"] = BatchIndicators.Wma(Data.Close, 20),
            ["rsi_14"] = BatchIndicators.Rsi(Data.Close, 14),
            ["macd"] = macd.Macd,
            ["macd_signal"] = macd.Signal,
            ["macd_hist"] = macd.Histogram,
            ["bb_lower"] = bollinger.Lower,
            ["bb_middle"] = bollinger.Middle,
            ["bb_upper"] = bollinger.Upper,
            ["atr_14"] = BatchIndicators.Atr(Data.High, Data.Low, Data.Close, 14),
            ["stoch_k"] = stochastic.K,
            ["stoch_d"] = stochastic.D,
            ["roc_10"] = BatchIndicators.Roc(Data.Close, 10),
            ["donchian_high_20"] = donchian.High,
            ["donchian_low_20"] = donchian.Low,
            ["vwap"] = BatchIndicators.SessionVwap(Data.Dates, Data.High, Data.Low, Data.Close, Data.Volume),
            ["stdev_20"] = BatchIndicators.StdDev(Data.Close, 20),
        };
        Assert.Equal(expected.Keys, set.ColumnNames);
        foreach (var (name, series) in expected)
        {
            SeriesAssert.Close(name, series, columns[name], name.StartsWith("macd", StringComparison.Ordinal) ? Data.Close : null);
        }
    }

    private static double?[] Run(Action<int> update, Func<double?> read)
    {
        var result = new double?[Data.Count];
        for (var t = 0; t < Data.Count; t++)
        {
            update(t);
            result[t] = read();
        }

        return result;
    }
}
