using MathNet.Numerics.Distributions;

namespace TradingRobotPlug.Grains.Experiments;

/// <summary>
/// Running statistics of paired daily returns (control rᶜ, treatment rᵗ) of an A/B experiment, updated in O(1) per
/// pair: Welford means and second moments of both arms, their co-moment (Chan, Golub &amp; LeVeque 1979 pairwise form),
/// and the same of the differences dᵢ = rᵗᵢ − rᶜᵢ, which are kept separately because two highly correlated arms would
/// lose the difference's variance to cancellation in var(rᵗ) + var(rᶜ) − 2 cov.
/// </summary>
/// <remarks>
/// <para>Every figure is a <see cref="double"/> and null while undefined (fewer than two pairs, a zero standard
/// deviation, a zero mean difference where it divides). Sample variances and the covariance use n − 1 (ddof = 1).</para>
/// <para>Sources: the paired t-test (Student, "The probable error of a mean", Biometrika 6(1), 1908); the Sharpe
/// difference test of Jobson &amp; Korkie ("Performance hypothesis testing with the Sharpe and Treynor measures",
/// Journal of Finance 36(4), 1981) with the asymptotic variance corrected by Memmel ("Performance hypothesis testing
/// with the Sharpe ratio", Finance Letters 1, 2003); the sample size of a two-sided one-sample z test at α = 0.05 and
/// power 0.8. Distribution functions come from MathNet.Numerics (<see cref="StudentT"/>, <see cref="Normal"/>).</para>
/// </remarks>
public sealed class PairedReturnStatistics
{
    /// <summary>Two-sided significance level of the confidence interval, the tests' "significant" and the power formula: 0.05.</summary>
    public const double Alpha = 0.05;

    /// <summary>Power the <see cref="DaysNeeded"/> formula targets: 0.8.</summary>
    public const double Power = 0.8;

    private long _n;
    private double _meanControl;
    private double _meanTreatment;
    private double _m2Control;
    private double _m2Treatment;
    private double _coMoment;
    private double _meanDifference;
    private double _m2Difference;

    /// <summary>Number of pairs added, n ≥ 0.</summary>
    public long Count => _n;

    /// <summary>Adds one day's pair of simple returns (fractions, e.g. 0.01 = 1 %).</summary>
    /// <param name="control">The control arm's daily return; finite.</param>
    /// <param name="treatment">The treatment arm's daily return; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A return is NaN or infinite (nothing is added).</exception>
    public void Add(double control, double treatment)
    {
        if (!double.IsFinite(control))
        {
            throw new ArgumentOutOfRangeException(nameof(control), control, "A daily return must be finite.");
        }

        if (!double.IsFinite(treatment))
        {
            throw new ArgumentOutOfRangeException(nameof(treatment), treatment, "A daily return must be finite.");
        }

        _n++;
        double dc = control - _meanControl;
        double dt = treatment - _meanTreatment;
        _meanControl += dc / _n;
        _meanTreatment += dt / _n;
        _m2Control += dc * (control - _meanControl);
        _m2Treatment += dt * (treatment - _meanTreatment);
        _coMoment += dc * (treatment - _meanTreatment);

        double d = treatment - control;
        double dd = d - _meanDifference;
        _meanDifference += dd / _n;
        _m2Difference += dd * (d - _meanDifference);
    }

    /// <summary>Mean daily return of the control arm; null when n = 0.</summary>
    public double? MeanControl => _n > 0 ? _meanControl : null;

    /// <summary>Mean daily return of the treatment arm; null when n = 0.</summary>
    public double? MeanTreatment => _n > 0 ? _meanTreatment : null;

    /// <summary>Sample standard deviation (ddof 1) of the control arm's daily returns; null when n &lt; 2.</summary>
    public double? StdControl => _n > 1 ? Math.Sqrt(Math.Max(0, _m2Control) / (_n - 1)) : null;

    /// <summary>Sample standard deviation (ddof 1) of the treatment arm's daily returns; null when n &lt; 2.</summary>
    public double? StdTreatment => _n > 1 ? Math.Sqrt(Math.Max(0, _m2Treatment) / (_n - 1)) : null;

    /// <summary>Sample covariance (ddof 1) of the two arms' daily returns; null when n &lt; 2.</summary>
    public double? Covariance => _n > 1 ? _coMoment / (_n - 1) : null;

    /// <summary>d̄: mean of the daily differences treatment − control; null when n = 0.</summary>
    public double? MeanDifference => _n > 0 ? _meanDifference : null;

    /// <summary>s_d: sample standard deviation (ddof 1) of the daily differences; null when n &lt; 2.</summary>
    public double? StdDifference => _n > 1 ? Math.Sqrt(Math.Max(0, _m2Difference) / (_n - 1)) : null;

    /// <summary>Daily (non-annualised) Sharpe ratio of the control arm, mean / std (ddof 1), risk-free 0; null when n &lt; 2 or std = 0.</summary>
    public double? DailySharpeControl => Ratio(MeanControl, StdControl);

    /// <summary>Daily (non-annualised) Sharpe ratio of the treatment arm; null when n &lt; 2 or std = 0.</summary>
    public double? DailySharpeTreatment => Ratio(MeanTreatment, StdTreatment);

    /// <summary>
    /// Paired t statistic t = d̄ / (s_d / √n) with n − 1 degrees of freedom (Student 1908); positive when the
    /// treatment earned more. Null when n &lt; 2 or s_d = 0.
    /// </summary>
    public double? T => Ratio(MeanDifference, StdDifference) is { } r ? r * Math.Sqrt(_n) : null;

    /// <summary>Two-sided p-value of <see cref="T"/>: 2 · (1 − F(|t|; n − 1)) with F Student's t CDF; in [0, 1]; null when t is.</summary>
    public double? PValue => T is { } t ? Math.Clamp(2 * StudentT.CDF(0, 1, _n - 1, -Math.Abs(t)), 0, 1) : null;

    /// <summary>
    /// Lower bound of the 95 % confidence interval of the mean daily difference, d̄ − t₀.₉₇₅,ₙ₋₁ · s_d / √n; null when
    /// n &lt; 2 (with s_d = 0 the interval is the single point d̄).
    /// </summary>
    public double? ConfidenceLow => HalfWidth is { } h ? _meanDifference - h : null;

    /// <summary>Upper bound of the 95 % confidence interval of the mean daily difference; null when n &lt; 2.</summary>
    public double? ConfidenceHigh => HalfWidth is { } h ? _meanDifference + h : null;

    /// <summary>
    /// Jobson–Korkie z of the Sharpe difference (treatment − control) with Memmel's (2003) variance:
    /// z = (σᶜ μᵗ − σᵗ μᶜ) / √θ, θ = (1/n) [2σᶜ²σᵗ² − 2σᶜσᵗσᶜᵗ + ½μᶜ²σᵗ² + ½μᵗ²σᶜ² − μᶜμᵗσᶜᵗ² / (σᶜσᵗ)],
    /// with the daily means μ, sample standard deviations σ and covariance σᶜᵗ (ddof 1). Positive when the treatment's
    /// daily Sharpe ratio is higher. Null when n &lt; 2, either σ is 0 or θ ≤ 0 (identical arms).
    /// </summary>
    public double? SharpeDifferenceZ
    {
        get
        {
            if (_n < 2 || StdControl is not { } sc || StdTreatment is not { } st || sc == 0 || st == 0)
            {
                return null;
            }

            double mc = _meanControl, mt = _meanTreatment, cov = Covariance!.Value;
            double theta = (2 * sc * sc * st * st - 2 * sc * st * cov + 0.5 * mc * mc * st * st + 0.5 * mt * mt * sc * sc
                - mc * mt * cov * cov / (sc * st)) / _n;
            if (!(theta > 0) || !double.IsFinite(theta))
            {
                return null;
            }

            double z = (sc * mt - st * mc) / Math.Sqrt(theta);
            return double.IsFinite(z) ? z : null;
        }
    }

    /// <summary>Two-sided p-value of <see cref="SharpeDifferenceZ"/>: 2 · (1 − Φ(|z|)); null when z is.</summary>
    public double? SharpeDifferenceP => SharpeDifferenceZ is { } z ? Math.Clamp(2 * Normal.CDF(0, 1, -Math.Abs(z)), 0, 1) : null;

    /// <summary>
    /// Days of paired returns needed to detect the observed mean difference with a two-sided test at α = 0.05 and
    /// power 0.8: ⌈((z₀.₉₇₅ + z₀.₈) · s_d / d̄)²⌉, z_q the standard normal quantile. Null when n &lt; 2, s_d = 0 or d̄ = 0,
    /// and when the value exceeds <see cref="long.MaxValue"/>.
    /// </summary>
    public long? DaysNeeded
    {
        get
        {
            if (_n < 2 || StdDifference is not { } sd || sd == 0 || _meanDifference == 0)
            {
                return null;
            }

            double k = (Normal.InvCDF(0, 1, 1 - Alpha / 2) + Normal.InvCDF(0, 1, Power)) * sd / _meanDifference;
            double days = Math.Ceiling(k * k);
            return double.IsFinite(days) && days < long.MaxValue ? (long)days : null;
        }
    }

    private double? HalfWidth
        => _n > 1 && StdDifference is { } sd ? StudentT.InvCDF(0, 1, _n - 1, 1 - Alpha / 2) * sd / Math.Sqrt(_n) : null;

    private static double? Ratio(double? numerator, double? denominator)
        => numerator is { } a && denominator is { } b && b != 0 && double.IsFinite(a / b) ? a / b : null;
}
