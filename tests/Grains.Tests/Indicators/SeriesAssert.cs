using System.Globalization;

namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>Compares an incremental series with a reference series bar by bar.</summary>
internal static class SeriesAssert
{
    /// <summary>The agreed precision: relative error at most 1e-9 at every bar.</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>
    /// Asserts that both series are defined on exactly the same bars and that at every defined bar
    /// <c>|actual − expected| ≤ 1e-9 · max(|expected|, scale_t)</c>. With no <paramref name="scale"/> this is a plain
    /// relative error. A scale is only for quantities that are differences of larger terms and cross zero (MACD
    /// lines are differences of two EMAs in price units, so their error is measured against the price level).
    /// </summary>
    /// <returns>The largest error found, relative to max(|expected|, scale_t).</returns>
    public static double Close(string name, double?[] expected, double?[] actual, double[]? scale = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var t = 0; t < expected.Length; t++)
        {
            if (expected[t].HasValue != actual[t].HasValue)
            {
                Assert.Fail($"{name}: bar {t} expected {Describe(expected[t])} but got {Describe(actual[t])} (ready/not-ready pattern differs).");
            }

            if (expected[t] is not { } e || actual[t] is not { } a)
            {
                continue;
            }

            Assert.True(double.IsFinite(a), $"{name}: bar {t} value {a} is not finite.");
            var magnitude = Math.Max(Math.Abs(e), scale?[t] ?? 0.0);
            var error = Math.Abs(a - e);
            var relative = magnitude == 0 ? (error == 0 ? 0 : double.PositiveInfinity) : error / magnitude;
            if (relative > RelativeTolerance)
            {
                Assert.Fail($"{name}: bar {t} expected {Describe(e)} but got {Describe(a)} (relative error {relative:E2} > {RelativeTolerance:E0}).");
            }

            worst = Math.Max(worst, relative);
        }

        return worst;
    }

    private static string Describe(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
