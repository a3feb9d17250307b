using MathNet.Numerics.Distributions;

namespace TradingRobotPlug.Grains.Tests.Experiments;

/// <summary>
/// An independent, batch (two-pass) computation of an experiment's figures from the two arms' whole equity series, to
/// check the incremental grain and tracker against: group marks by trading date (the UTC date of the instant before
/// the bar close), take the last mark of each date, keep the dates both arms have, daily returns against the previous
/// kept date (the capital for the first), then plain two-pass means, variances and covariance.
/// </summary>
internal sealed record ExperimentReference(
    int N,
    double[] Control,
    double[] Treatment,
    double? MeanDifference,
    double? CiLow,
    double? CiHigh,
    double? T,
    double? P,
    double? DailySharpeControl,
    double? DailySharpeTreatment,
    double? Z,
    double? ZP,
    long? DaysNeeded)
{
    public static ExperimentReference FromEquity(
        IReadOnlyList<(DateTimeOffset Time, decimal Equity)> control,
        decimal controlCapital,
        IReadOnlyList<(DateTimeOffset Time, decimal Equity)> treatment,
        decimal treatmentCapital)
    {
        var c = Closes(control);
        var t = Closes(treatment);
        var dates = c.Keys.Intersect(t.Keys).Order().ToList();
        var rc = new List<double>();
        var rt = new List<double>();
        decimal pc = controlCapital, pt = treatmentCapital;
        foreach (var d in dates)
        {
            rc.Add((double)(c[d] / pc - 1m));
            rt.Add((double)(t[d] / pt - 1m));
            pc = c[d];
            pt = t[d];
        }

        return FromReturns([.. rc], [.. rt]);
    }

    public static ExperimentReference FromReturns(double[] rc, double[] rt)
    {
        int n = rc.Length;
        var d = rc.Zip(rt, (a, b) => b - a).ToArray();
        double? md = n > 0 ? d.Average() : null;
        if (n < 2)
        {
            return new ExperimentReference(n, rc, rt, md, null, null, null, null, null, null, null, null, null);
        }

        double mc = rc.Average(), mt = rt.Average(), mdd = md!.Value;
        double vc = rc.Sum(x => (x - mc) * (x - mc)) / (n - 1);
        double vt = rt.Sum(x => (x - mt) * (x - mt)) / (n - 1);
        double cov = rc.Zip(rt, (a, b) => (a - mc) * (b - mt)).Sum() / (n - 1);
        double sd = Math.Sqrt(d.Sum(x => (x - mdd) * (x - mdd)) / (n - 1));
        double sc = Math.Sqrt(vc), st = Math.Sqrt(vt);
        double se = sd / Math.Sqrt(n);
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * se;
        double? t = sd > 0 ? mdd / se : null;
        double? p = t is { } tv ? 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(tv))) : null;
        double? z = null, zp = null;
        if (sc > 0 && st > 0)
        {
            double theta = (2 * vc * vt - 2 * sc * st * cov + 0.5 * mc * mc * vt + 0.5 * mt * mt * vc - mc * mt * cov * cov / (sc * st)) / n;
            if (theta > 0)
            {
                z = (sc * mt - st * mc) / Math.Sqrt(theta);
                zp = 2 * (1 - Normal.CDF(0, 1, Math.Abs(z.Value)));
            }
        }

        long? days = sd > 0 && mdd != 0 ? (long)Math.Ceiling(Math.Pow((1.959963984540054 + 0.8416212335729143) * sd / mdd, 2)) : null;
        return new ExperimentReference(
            n, rc, rt, mdd, mdd - half, mdd + half, t, p,
            sc > 0 ? mc / sc : null, st > 0 ? mt / st : null, z, zp, days);
    }

    private static Dictionary<DateTime, decimal> Closes(IReadOnlyList<(DateTimeOffset Time, decimal Equity)> marks)
    {
        var closes = new Dictionary<DateTime, decimal>();
        foreach (var (time, equity) in marks.OrderBy(m => m.Time))
        {
            closes[time.UtcDateTime.Date] = equity;
        }

        return closes;
    }
}
