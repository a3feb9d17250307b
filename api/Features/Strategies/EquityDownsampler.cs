using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>Adds the drawdown series to an equity curve and downsamples it without losing the maximum drawdown.</summary>
public static class EquityDownsampler
{
    /// <summary>
    /// The drawdown of every point: 1 − equity / running peak (the peak over this and the earlier points), as a positive
    /// fraction; 0 while the peak is not positive.
    /// </summary>
    public static IReadOnlyList<EquityDrawdownPoint> WithDrawdown(IReadOnlyList<EquityPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var result = new EquityDrawdownPoint[curve.Count];
        decimal? peak = null;
        for (int i = 0; i < curve.Count; i++)
        {
            var equity = curve[i].Equity;
            peak = peak is { } p && p >= equity ? p : equity;
            double drawdown = peak > 0 ? (double)(1m - (equity / peak.Value)) : 0;
            result[i] = new EquityDrawdownPoint(curve[i].Time, equity, drawdown, curve[i].BenchmarkEquity);
        }

        return result;
    }

    /// <summary>
    /// At most <paramref name="maxPoints"/> points: the first and the last, and from each of <c>maxPoints − 2</c> equal
    /// buckets of the points in between the one with the deepest drawdown (the earliest on ties). Drawdowns are those of the
    /// full series, so for <paramref name="maxPoints"/> ≥ 3 the maximum drawdown of the result equals the full series'.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is less than 2.</exception>
    public static IReadOnlyList<EquityDrawdownPoint> Downsample(IReadOnlyList<EquityDrawdownPoint> points, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (points.Count <= maxPoints)
        {
            return points;
        }

        int middle = points.Count - 2;
        int buckets = maxPoints - 2;
        var result = new List<EquityDrawdownPoint>(maxPoints) { points[0] };
        for (int b = 0; b < buckets; b++)
        {
            int start = 1 + (int)((long)b * middle / buckets);
            int end = 1 + (int)((long)(b + 1) * middle / buckets);
            int deepest = start;
            for (int i = start + 1; i < end; i++)
            {
                if (points[i].Drawdown > points[deepest].Drawdown)
                {
                    deepest = i;
                }
            }

            result.Add(points[deepest]);
        }

        result.Add(points[^1]);
        return result;
    }
}
