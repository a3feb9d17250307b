namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// Historical value at risk and conditional value at risk of a sample of returns, computed at read time in O(n)
/// expected time by selection (no sorting).
/// </summary>
internal static class HistoricalRisk
{
    /// <summary>
    /// VaR = the <paramref name="tail"/> quantile with numpy's default "linear" method
    /// (<c>h = (n − 1)·tail</c>, interpolate between order statistics ⌊h⌋ and ⌊h⌋ + 1 with numpy's <c>_lerp</c>);
    /// CVaR = the mean of the returns ≤ VaR.
    /// </summary>
    /// <param name="scratch">The returns; reordered in place. Must be non-empty and contain no NaN.</param>
    /// <param name="tail">Lower-tail probability in [0, 1], e.g. 0.05.</param>
    /// <returns>(VaR, CVaR) as returns (negative = loss).</returns>
    public static (double ValueAtRisk, double ConditionalValueAtRisk) Compute(Span<double> scratch, double tail)
    {
        int n = scratch.Length;
        double h = (n - 1) * tail;
        int lo = (int)Math.Floor(h);
        double gamma = h - lo;
        double below = Select(scratch, lo);
        double above = below;
        if (lo + 1 < n)
        {
            above = scratch[lo + 1];
            for (int i = lo + 2; i < n; i++)
            {
                if (scratch[i] < above)
                {
                    above = scratch[i];
                }
            }
        }

        double var = Lerp(below, above, gamma);
        double sum = 0;
        int count = 0;
        foreach (double r in scratch)
        {
            if (r <= var)
            {
                sum += r;
                count++;
            }
        }

        return (var, sum / count);
    }

    /// <summary>numpy's <c>_lerp</c>: <c>a + (b − a)·t</c>, or <c>b − (b − a)·(1 − t)</c> when <c>t ≥ 0.5</c>.</summary>
    internal static double Lerp(double a, double b, double t)
    {
        double diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }

    /// <summary>
    /// Hoare quickselect with a median-of-three pivot: afterwards <c>values[k]</c> is the k-th smallest (0-based)
    /// and every element after index k is ≥ it. Falls back to sorting the remaining range after 64 rounds, which
    /// bounds the worst case at O(n log n).
    /// </summary>
    internal static double Select(Span<double> values, int k)
    {
        int lo = 0;
        int hi = values.Length - 1;
        int budget = 64;
        while (hi > lo)
        {
            if (--budget == 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }

            int mid = lo + ((hi - lo) / 2);
            double pivot = MedianOfThree(values[lo], values[mid], values[hi]);
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[lo..j] ≤ pivot, values[i..hi] ≥ pivot and values[j+1..i-1] == pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
