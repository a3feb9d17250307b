using System.Reflection;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>Figure-by-figure comparison of snapshots with a relative tolerance.</summary>
internal static class MetricsAssert
{
    private static readonly PropertyInfo[] Figures = typeof(MetricsSnapshot)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name is not (nameof(MetricsSnapshot.Period) or nameof(MetricsSnapshot.IsClosed)))
        .ToArray();

    /// <summary>
    /// Every figure except Period and IsClosed equal: integers, times and null-ness exactly; decimals and doubles
    /// within <paramref name="relative"/> of the larger magnitude, plus <paramref name="absolute"/> (0 by default:
    /// purely relative; random tests pass a tiny floor because a figure such as a mean can be ~0).
    /// </summary>
    public static void Equivalent(MetricsSnapshot expected, MetricsSnapshot actual, double relative = 1e-9, string context = "", double absolute = 0)
    {
        foreach (var p in Figures)
        {
            object? e = p.GetValue(expected);
            object? a = p.GetValue(actual);
            string where = $"{context} {p.Name}";
            switch (e)
            {
                case null:
                    Assert.True(a is null, $"{where}: expected null, was {a}");
                    break;
                case double ed:
                    Assert.True(a is double, $"{where}: expected {ed}, was {a ?? "null"}");
                    Close(ed, (double)a!, relative, where, absolute);
                    break;
                case decimal em:
                    Assert.True(a is decimal, $"{where}: expected {em}, was {a ?? "null"}");
                    Close((double)em, (double)(decimal)a!, relative, where, absolute);
                    break;
                case ReturnMoments er:
                    var ar = (ReturnMoments)a!;
                    Assert.True(er.Count == ar.Count, $"{where}.Count: expected {er.Count}, was {ar.Count}");
                    Close(er.Mean, ar.Mean, relative, where + ".Mean", absolute);
                    Close(er.M2, ar.M2, relative, where + ".M2", absolute);
                    Close(er.DownsideSumOfSquares, ar.DownsideSumOfSquares, relative, where + ".DownsideSumOfSquares", absolute);
                    break;
                default:
                    Assert.True(Equals(e, a), $"{where}: expected {e}, was {a ?? "null"}");
                    break;
            }
        }
    }

    public static void Close(double expected, double actual, double relative, string what = "", double absolute = 0)
    {
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(
            Math.Abs(expected - actual) <= (relative * scale) + absolute,
            $"{what}: expected {expected:R}, was {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2})");
    }
}
