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

    /// <summary>Every figure except Period and IsClosed equal: integers, times and null-ness exactly; decimals and doubles within <paramref name="relative"/>.</summary>
    public static void Equivalent(MetricsSnapshot expected, MetricsSnapshot actual, double relative = 1e-9, string context = "")
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
                    Close(ed, (double)a!, relative, where);
                    break;
                case decimal em:
                    Assert.True(a is decimal, $"{where}: expected {em}, was {a ?? "null"}");
                    Close((double)em, (double)(decimal)a!, relative, where);
                    break;
                case ReturnMoments er:
                    var ar = (ReturnMoments)a!;
                    Assert.True(er.Count == ar.Count, $"{where}.Count: expected {er.Count}, was {ar.Count}");
                    Close(er.Mean, ar.Mean, relative, where + ".Mean");
                    Close(er.M2, ar.M2, relative, where + ".M2");
                    Close(er.DownsideSumOfSquares, ar.DownsideSumOfSquares, relative, where + ".DownsideSumOfSquares");
                    break;
                default:
                    Assert.True(Equals(e, a), $"{where}: expected {e}, was {a ?? "null"}");
                    break;
            }
        }
    }

    public static void Close(double expected, double actual, double relative, string what = "")
    {
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(
            Math.Abs(expected - actual) <= relative * scale,
            $"{what}: expected {expected:R}, was {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2})");
    }
}
