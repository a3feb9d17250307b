using Orleans;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Metrics;

/// <summary>
/// Running moments of a series of returns (fractions, e.g. 0.01 = +1 %), updated one value at a time with Welford's
/// algorithm (Welford 1962) and combined with the parallel formula of Chan, Golub and LeVeque (1979). Immutable:
/// <see cref="Add"/> and <see cref="Combine"/> return new values.
/// </summary>
/// <param name="Count">Number of returns, ≥ 0.</param>
/// <param name="Mean">Arithmetic mean of the returns; 0 when <paramref name="Count"/> is 0.</param>
/// <param name="M2">Sum of squared deviations from the mean, Σ(r − mean)², ≥ 0.</param>
/// <param name="DownsideSumOfSquares">Σ min(r, 0)², ≥ 0: the downside with a zero target, over all returns (empyrical <c>downside_risk</c>).</param>
[GenerateSerializer, Immutable, Alias("trp.ReturnMoments")]
public readonly record struct ReturnMoments([property: Id(0)] long Count, [property: Id(1)] double Mean, [property: Id(2)] double M2, [property: Id(3)] double DownsideSumOfSquares)
{
    /// <summary>Adds one return (Welford: <c>mean += δ/n; M2 += δ·(r − mean_new)</c> with <c>δ = r − mean_old</c>).</summary>
    /// <param name="value">The return; must be finite.</param>
    /// <returns>The moments including <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public ReturnMoments Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A return must be finite.");
        }

        long n = Count + 1;
        double delta = value - Mean;
        double mean = Mean + (delta / n);
        double m2 = M2 + (delta * (value - mean));
        double down = value < 0 ? DownsideSumOfSquares + (value * value) : DownsideSumOfSquares;
        return new ReturnMoments(n, mean, m2, down);
    }

    /// <summary>
    /// Combines the moments of two disjoint series (Chan et al. 1979): <c>n = nA + nB</c>,
    /// <c>δ = meanB − meanA</c>, <c>mean = meanA + δ·nB/n</c>, <c>M2 = M2A + M2B + δ²·nA·nB/n</c>; downside sums add.
    /// The result does not depend on which series came first.
    /// </summary>
    /// <param name="a">The moments of one series.</param>
    /// <param name="b">The moments of the other series.</param>
    /// <returns>The moments of the concatenated series.</returns>
    public static ReturnMoments Combine(ReturnMoments a, ReturnMoments b)
    {
        if (a.Count == 0)
        {
            return b;
        }

        if (b.Count == 0)
        {
            return a;
        }

        long n = a.Count + b.Count;
        double delta = b.Mean - a.Mean;
        double mean = a.Mean + (delta * ((double)b.Count / n));
        double m2 = a.M2 + b.M2 + (delta * delta * ((double)a.Count * b.Count / n));
        return new ReturnMoments(n, mean, m2, a.DownsideSumOfSquares + b.DownsideSumOfSquares);
    }

    /// <summary>Sample standard deviation with one delta degree of freedom, √(M2 / (n − 1)); null when <c>Count &lt; 2</c>.</summary>
    [JsonIgnore]
    public double? SampleStandardDeviation => Count >= 2 ? Math.Sqrt(M2 / (Count - 1)) : null;

    /// <summary>Downside deviation (not annualised), √(Σ min(r, 0)² / n); null when <c>Count</c> is 0.</summary>
    [JsonIgnore]
    public double? DownsideDeviation => Count >= 1 ? Math.Sqrt(DownsideSumOfSquares / Count) : null;
}
