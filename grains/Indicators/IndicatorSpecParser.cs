using System.Globalization;

namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Parses indicator specs such as <c>sma:20,ema:20,macd:12:26:9,bbands:20:2,vwap</c> into column groups.
/// Grammar: items separated by ','; each item is a name and ':'-separated arguments; whitespace around tokens and
/// the case of names are ignored. Every problem is collected and reported in one <see cref="ArgumentException"/>.
/// </summary>
internal static class IndicatorSpecParser
{
    /// <summary>Largest period accepted from a spec (guards memory against typos such as 2000000).</summary>
    internal const int MaxPeriod = 100_000;

    public static IReadOnlyList<IndicatorColumnGroup> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new ArgumentException("The indicator spec is empty; expected items such as 'sma:20,rsi:14'.", nameof(spec));
        }

        var errors = new List<string>();
        var groups = new List<IndicatorColumnGroup>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = spec.Split(',');
        for (var i = 0; i < items.Length; i++)
        {
            var text = items[i].Trim();
            if (text.Length == 0)
            {
                errors.Add($"item {i + 1} is empty");
                continue;
            }

            var label = $"item {i + 1} '{text}'";
            var parts = text.Split(':');
            var name = parts[0].Trim().ToLowerInvariant();
            var args = parts.Skip(1).Select(p => p.Trim()).ToArray();
            var group = Build(name, args, label, errors);
            if (group is null)
            {
                continue;
            }

            foreach (var column in group.Columns)
            {
                if (owners.TryGetValue(column, out var owner))
                {
                    errors.Add($"{label}: column '{column}' is already produced by '{owner}'");
                }
                else
                {
                    owners.Add(column, text);
                }
            }

            groups.Add(group);
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid indicator spec '{spec}': {string.Join("; ", errors)}.", nameof(spec));
        }

        return groups;
    }

    private static IndicatorColumnGroup? Build(string name, string[] args, string label, List<string> errors)
    {
        switch (name)
        {
            case "sma":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new SimpleMovingAverage(p);
                    return new IndicatorColumnGroup($"sma:{p}", [$"sma_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "ema":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new ExponentialMovingAverage(p);
                    return new IndicatorColumnGroup($"ema:{p}", [$"ema_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "wma":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new WeightedMovingAverage(p);
                    return new IndicatorColumnGroup($"wma:{p}", [$"wma_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "rsi":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new RelativeStrengthIndex(p);
                    return new IndicatorColumnGroup($"rsi:{p}", [$"rsi_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "atr":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new AverageTrueRange(p);
                    return new IndicatorColumnGroup($"atr:{p}", [$"atr_{p}"], x.WarmUpBars, b => x.Update(b.High, b.Low, b.Close), [() => x.Value]);
                });
            case "roc":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new RateOfChange(p);
                    return new IndicatorColumnGroup($"roc:{p}", [$"roc_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "stdev":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new RollingStandardDeviation(p);
                    return new IndicatorColumnGroup($"stdev:{p}", [$"stdev_{p}"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Value]);
                });
            case "donchian":
                return OnePeriod(args, label, errors, p =>
                {
                    var x = new DonchianChannel(p);
                    return new IndicatorColumnGroup(
                        $"donchian:{p}", [$"donchian_high_{p}", $"donchian_low_{p}"], x.WarmUpBars, b => x.Update(b.High, b.Low), [() => x.High, () => x.Low]);
                });
            case "macd":
                {
                    if (!CheckArity(args, ["fast", "slow", "signal"], label, errors))
                    {
                        return null;
                    }

                    var fast = ParsePeriod(args[0], "fast", label, errors);
                    var slow = ParsePeriod(args[1], "slow", label, errors);
                    var signal = ParsePeriod(args[2], "signal", label, errors);
                    if (fast is { } f && slow is { } s && f >= s)
                    {
                        errors.Add($"{label}: fast period ({f}) must be less than slow period ({s})");
                        return null;
                    }

                    if (fast is null || slow is null || signal is null)
                    {
                        return null;
                    }

                    var x = new MovingAverageConvergenceDivergence(fast.Value, slow.Value, signal.Value);
                    return new IndicatorColumnGroup(
                        $"macd:{fast}:{slow}:{signal}", ["macd", "macd_signal", "macd_hist"], x.WarmUpBars, b => x.Update(b.Close), [() => x.Macd, () => x.Signal, () => x.Histogram]);
                }

            case "bbands":
                {
                    if (!CheckArity(args, ["period", "k"], label, errors))
                    {
                        return null;
                    }

                    var period = ParsePeriod(args[0], "period", label, errors);
                    double? width = null;
                    if (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var k) || !double.IsFinite(k))
                    {
                        errors.Add($"{label}: k '{args[1]}' is not a number");
                    }
                    else if (k <= 0)
                    {
                        errors.Add($"{label}: k must be positive (got {k.ToString("R", CultureInfo.InvariantCulture)})");
                    }
                    else
                    {
                        width = k;
                    }

                    if (period is null || width is null)
                    {
                        return null;
                    }

                    var x = new BollingerBands(period.Value, width.Value);
                    return new IndicatorColumnGroup(
                        $"bbands:{period}:{width.Value.ToString("R", CultureInfo.InvariantCulture)}",
                        ["bb_lower", "bb_middle", "bb_upper"],
                        x.WarmUpBars,
                        b => x.Update(b.Close),
                        [() => x.Lower, () => x.Middle, () => x.Upper]);
                }

            case "stoch":
                {
                    if (!CheckArity(args, ["period", "d"], label, errors))
                    {
                        return null;
                    }

                    var period = ParsePeriod(args[0], "period", label, errors);
                    var d = ParsePeriod(args[1], "d", label, errors);
                    if (period is null || d is null)
                    {
                        return null;
                    }

                    var x = new StochasticOscillator(period.Value, d.Value);
                    return new IndicatorColumnGroup(
                        $"stoch:{period}:{d}", ["stoch_k", "stoch_d"], x.WarmUpBars, b => x.Update(b.High, b.Low, b.Close), [() => x.K, () => x.D]);
                }

            case "vwap":
                {
                    if (!CheckArity(args, [], label, errors))
                    {
                        return null;
                    }

                    var x = new SessionVwap();
                    return new IndicatorColumnGroup("vwap", ["vwap"], x.WarmUpBars, b => x.Update(b.Time, b.High, b.Low, b.Close, b.Volume), [() => x.Value]);
                }

            default:
                errors.Add($"{label}: unknown indicator '{name}' (known: sma, ema, wma, rsi, atr, roc, stdev, donchian, macd, bbands, stoch, vwap)");
                return null;
        }
    }

    private static IndicatorColumnGroup? OnePeriod(string[] args, string label, List<string> errors, Func<int, IndicatorColumnGroup> create)
    {
        if (!CheckArity(args, ["period"], label, errors))
        {
            return null;
        }

        var period = ParsePeriod(args[0], "period", label, errors);
        return period is { } p ? create(p) : null;
    }

    private static bool CheckArity(string[] args, string[] expected, string label, List<string> errors)
    {
        if (args.Length == expected.Length)
        {
            return true;
        }

        var wanted = expected.Length == 0 ? "no parameters" : $"{expected.Length} parameter{(expected.Length == 1 ? string.Empty : "s")} ({string.Join(":", expected)})";
        errors.Add($"{label}: expects {wanted}, got {args.Length}");
        return false;
    }

    private static int? ParsePeriod(string text, string what, string label, List<string> errors)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"{label}: {what} '{text}' is not an integer");
            return null;
        }

        if (value < 1)
        {
            errors.Add($"{label}: {what} must be a positive period (got {value})");
            return null;
        }

        if (value > MaxPeriod)
        {
            errors.Add($"{label}: {what} {value} exceeds the maximum period {MaxPeriod}");
            return null;
        }

        return value;
    }
}
