namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>
/// Reference computations, written plainly and independently of the production code: every value is recomputed
/// from scratch from its window (O(n·w)). Recursive averages (EMA, Wilder) use their closed form, the explicit
/// weighted sum <c>(1−α)^m·seed + Σ α(1−α)^(t−j)·x_j</c>, instead of the recursion; terms whose weight falls below
/// 1e-18 are dropped (their total contribution is below 1e-18 of the largest input).
/// Index t of every result corresponds to input index t; null means "not defined yet".
/// </summary>
internal static class BatchIndicators
{
    public static double?[] Sma(double[] x, int n)
    {
        var result = new double?[x.Length];
        for (var t = n - 1; t < x.Length; t++)
        {
            var sum = 0.0;
            for (var j = t - n + 1; j <= t; j++)
            {
                sum += x[j];
            }

            result[t] = sum / n;
        }

        return result;
    }

    public static double?[] Wma(double[] x, int n)
    {
        var result = new double?[x.Length];
        var weights = n * (n + 1) / 2.0;
        for (var t = n - 1; t < x.Length; t++)
        {
            var sum = 0.0;
            for (var i = 1; i <= n; i++)
            {
                sum += i * x[t - n + i];
            }

            result[t] = sum / weights;
        }

        return result;
    }

    /// <summary>
    /// Closed form of an exponential smoothing with factor <paramref name="alpha"/> seeded by the mean of the first
    /// <paramref name="n"/> inputs: value at t ≥ n−1 is <c>(1−α)^(t−n+1)·seed + Σ_(j=n..t) α(1−α)^(t−j)·x_j</c>.
    /// </summary>
    public static double?[] SeededSmoothing(double[] x, int n, double alpha)
    {
        var result = new double?[x.Length];
        if (x.Length < n)
        {
            return result;
        }

        var seed = 0.0;
        for (var j = 0; j < n; j++)
        {
            seed += x[j];
        }

        seed /= n;
        for (var t = n - 1; t < x.Length; t++)
        {
            var sum = 0.0;
            var decay = 1.0; // (1−α)^(t−j)
            var j = t;
            for (; j >= n && decay >= 1e-18; j--)
            {
                sum += alpha * decay * x[j];
                decay *= 1 - alpha;
            }

            if (j < n)
            {
                // Reached the seed: decay is now (1−α)^(t−n+1).
                sum += decay * seed;
            }

            result[t] = sum;
        }

        return result;
    }

    public static double?[] Ema(double[] x, int n) => SeededSmoothing(x, n, 2.0 / (n + 1));

    public static double?[] Rsi(double[] close, int n)
    {
        var gains = new double[close.Length - 1];
        var losses = new double[close.Length - 1];
        for (var t = 1; t < close.Length; t++)
        {
            var change = close[t] - close[t - 1];
            gains[t - 1] = Math.Max(change, 0);
            losses[t - 1] = Math.Max(-change, 0);
        }

        var averageGain = SeededSmoothing(gains, n, 1.0 / n);
        var averageLoss = SeededSmoothing(losses, n, 1.0 / n);
        var result = new double?[close.Length];
        for (var k = 0; k < gains.Length; k++)
        {
            if (averageGain[k] is not { } g || averageLoss[k] is not { } l)
            {
                continue;
            }

            // Textbook form (Wilder): RSI = 100 − 100/(1 + RS), RS = avg gain / avg loss.
            result[k + 1] = l == 0 ? (g == 0 ? 50.0 : 100.0) : 100.0 - (100.0 / (1.0 + (g / l)));
        }

        return result;
    }

    public static double?[] Atr(double[] high, double[] low, double[] close, int n)
    {
        var ranges = new double[close.Length - 1];
        for (var t = 1; t < close.Length; t++)
        {
            ranges[t - 1] = new[] { high[t] - low[t], Math.Abs(high[t] - close[t - 1]), Math.Abs(low[t] - close[t - 1]) }.Max();
        }

        var smoothed = SeededSmoothing(ranges, n, 1.0 / n);
        var result = new double?[close.Length];
        for (var k = 0; k < ranges.Length; k++)
        {
            result[k + 1] = smoothed[k];
        }

        return result;
    }

    public static (double?[] Macd, double?[] Signal, double?[] Histogram) Macd(double[] close, int fast, int slow, int signal)
    {
        var fastEma = Ema(close, fast);
        var slowEma = Ema(close, slow);
        var macd = new double?[close.Length];
        for (var t = slow - 1; t < close.Length; t++)
        {
            macd[t] = fastEma[t]!.Value - slowEma[t]!.Value;
        }

        var macdValues = macd.Skip(slow - 1).Select(v => v!.Value).ToArray();
        var signalValues = Ema(macdValues, signal);
        var signalSeries = new double?[close.Length];
        var histogram = new double?[close.Length];
        for (var k = 0; k < macdValues.Length; k++)
        {
            if (signalValues[k] is { } s)
            {
                signalSeries[k + slow - 1] = s;
                histogram[k + slow - 1] = macdValues[k] - s;
            }
        }

        return (macd, signalSeries, histogram);
    }

    /// <summary>Two-pass population standard deviation of each window.</summary>
    public static double?[] StdDev(double[] x, int n)
    {
        var result = new double?[x.Length];
        for (var t = n - 1; t < x.Length; t++)
        {
            var mean = 0.0;
            for (var j = t - n + 1; j <= t; j++)
            {
                mean += x[j];
            }

            mean /= n;
            var squares = 0.0;
            for (var j = t - n + 1; j <= t; j++)
            {
                squares += (x[j] - mean) * (x[j] - mean);
            }

            result[t] = Math.Sqrt(squares / n);
        }

        return result;
    }

    public static (double?[] Lower, double?[] Middle, double?[] Upper) Bollinger(double[] close, int n, double k)
    {
        var middle = Sma(close, n);
        var sigma = StdDev(close, n);
        var lower = new double?[close.Length];
        var upper = new double?[close.Length];
        for (var t = 0; t < close.Length; t++)
        {
            if (middle[t] is { } m && sigma[t] is { } s)
            {
                lower[t] = m - (k * s);
                upper[t] = m + (k * s);
            }
        }

        return (lower, middle, upper);
    }

    public static (double?[] High, double?[] Low) Donchian(double[] high, double[] low, int n)
    {
        var highs = new double?[high.Length];
        var lows = new double?[high.Length];
        for (var t = n - 1; t < high.Length; t++)
        {
            var hh = double.MinValue;
            var ll = double.MaxValue;
            for (var j = t - n + 1; j <= t; j++)
            {
                hh = Math.Max(hh, high[j]);
                ll = Math.Min(ll, low[j]);
            }

            highs[t] = hh;
            lows[t] = ll;
        }

        return (highs, lows);
    }

    public static (double?[] K, double?[] D) Stochastic(double[] high, double[] low, double[] close, int n, int d)
    {
        var (hh, ll) = Donchian(high, low, n);
        var k = new double?[close.Length];
        for (var t = n - 1; t < close.Length; t++)
        {
            var range = hh[t]!.Value - ll[t]!.Value;
            k[t] = range == 0 ? 50.0 : 100.0 * (close[t] - ll[t]!.Value) / range;
        }

        var dSeries = new double?[close.Length];
        for (var t = n + d - 2; t < close.Length; t++)
        {
            var sum = 0.0;
            for (var j = t - d + 1; j <= t; j++)
            {
                sum += k[j]!.Value;
            }

            dSeries[t] = sum / d;
        }

        return (k, dSeries);
    }

    public static double?[] Roc(double[] close, int n)
    {
        var result = new double?[close.Length];
        for (var t = n; t < close.Length; t++)
        {
            result[t] = (close[t] / close[t - n]) - 1;
        }

        return result;
    }

    /// <summary>For each bar, sums typical price × volume and volume over the earlier bars of its UTC day, from scratch.</summary>
    public static double?[] SessionVwap(DateTimeOffset[] time, double[] high, double[] low, double[] close, double[] volume)
    {
        var result = new double?[close.Length];
        for (var t = 0; t < close.Length; t++)
        {
            var day = time[t].UtcDateTime.Date;
            var priceVolume = 0.0;
            var totalVolume = 0.0;
            for (var j = t; j >= 0 && time[j].UtcDateTime.Date == day; j--)
            {
                priceVolume += (high[j] + low[j] + close[j]) / 3 * volume[j];
                totalVolume += volume[j];
            }

            result[t] = totalVolume > 0 ? priceVolume / totalVolume : null;
        }

        return result;
    }
}
