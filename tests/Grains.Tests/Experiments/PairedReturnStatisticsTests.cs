using TradingRobotPlug.Grains.Experiments;

namespace TradingRobotPlug.Grains.Tests.Experiments;

/// <summary>The paired statistics of an experiment against published and hand-worked values, and their null cases.</summary>
public sealed class PairedReturnStatisticsTests
{
    /// <summary>
    /// Student's (1908) sleep data (Cushny &amp; Peebles), the worked example of R's <c>t.test(extra ~ group, data = sleep,
    /// paired = TRUE)</c>: mean difference 1.58, t = 4.0621 (9 df), p-value = 0.002833, 95 % CI [0.7001142, 2.4598858]
    /// (R prints the opposite signs because it takes group 1 − group 2).
    /// </summary>
    [Fact]
    public void Student_sleep_data_gives_the_published_paired_t_test()
    {
        double[] group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        double[] group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
        var s = new PairedReturnStatistics();
        for (int i = 0; i < group1.Length; i++)
        {
            s.Add(group1[i], group2[i]);
        }

        Assert.Equal(10, s.Count);
        Assert.Equal(1.58, s.MeanDifference!.Value, 12);
        Assert.Equal(4.0621, s.T!.Value, 4);
        Assert.Equal(0.002833, s.PValue!.Value, 6);
        Assert.Equal(0.7001142, s.ConfidenceLow!.Value, 7);
        Assert.Equal(2.4598858, s.ConfidenceHigh!.Value, 7);
    }

    /// <summary>
    /// Jobson–Korkie z with Memmel's variance on four days, worked by hand.
    /// Control 1 %, −2 %, 1.5 %, 0.5 %: mean 0.0025, deviations 0.0075, −0.0225, 0.0125, 0.0025, squares sum 7.25e-4,
    /// variance 7.25e-4 / 3. Treatment 2 %, −1 %, 1 %, 1.2 %: mean 0.008, deviations 0.012, −0.018, 0.002, 0.004, squares
    /// sum 4.88e-4, variance 4.88e-4 / 3. Co-deviations 9e-5 + 4.05e-4 + 2.5e-5 + 1e-5 = 5.3e-4, covariance 5.3e-4 / 3.
    /// </summary>
    [Fact]
    public void Memmel_z_on_four_days_matches_the_hand_computation()
    {
        var s = new PairedReturnStatistics();
        s.Add(0.01, 0.02);
        s.Add(-0.02, -0.01);
        s.Add(0.015, 0.01);
        s.Add(0.005, 0.012);

        double mc = 0.0025, mt = 0.008, vc = 7.25e-4 / 3, vt = 4.88e-4 / 3, cov = 5.3e-4 / 3;
        double sc = Math.Sqrt(vc), st = Math.Sqrt(vt);
        double theta = (2 * vc * vt - 2 * sc * st * cov + 0.5 * mc * mc * vt + 0.5 * mt * mt * vc - mc * mt * cov * cov / (sc * st)) / 4;
        double z = (sc * mt - st * mc) / Math.Sqrt(theta);

        Assert.Equal(1.5825266469661816, z, 9);
        Assert.Equal(z, s.SharpeDifferenceZ!.Value, 9);
        Assert.Equal(0.11352939410944879, s.SharpeDifferenceP!.Value, 9); // 2(1 − Φ(1.5825))
        Assert.Equal(mc / sc, s.DailySharpeControl!.Value, 12);
        Assert.Equal(mt / st, s.DailySharpeTreatment!.Value, 12);
    }

    [Fact]
    public void Random_returns_match_the_two_pass_reference()
    {
        var random = new Random(20261204);
        var rc = new double[300];
        var rt = new double[300];
        var s = new PairedReturnStatistics();
        for (int i = 0; i < rc.Length; i++)
        {
            rc[i] = 0.0004 + 0.01 * (random.NextDouble() - 0.5);
            rt[i] = 0.6 * rc[i] + 0.0006 + 0.008 * (random.NextDouble() - 0.5);
            s.Add(rc[i], rt[i]);
        }

        var r = ExperimentReference.FromReturns(rc, rt);
        Assert.Equal(r.MeanDifference!.Value, s.MeanDifference!.Value, 14);
        Assert.Equal(r.CiLow!.Value, s.ConfidenceLow!.Value, 12);
        Assert.Equal(r.CiHigh!.Value, s.ConfidenceHigh!.Value, 12);
        AssertRelative(r.T!.Value, s.T!.Value);
        AssertRelative(r.P!.Value, s.PValue!.Value);
        AssertRelative(r.Z!.Value, s.SharpeDifferenceZ!.Value);
        AssertRelative(r.ZP!.Value, s.SharpeDifferenceP!.Value);
        AssertRelative(r.DailySharpeControl!.Value, s.DailySharpeControl!.Value);
        Assert.Equal(r.DaysNeeded, s.DaysNeeded);
    }

    [Fact]
    public void Fewer_than_two_days_leave_every_inferential_figure_null()
    {
        var s = new PairedReturnStatistics();
        Assert.Null(s.MeanDifference);
        s.Add(0.01, 0.02);
        Assert.Equal(0.01, s.MeanDifference!.Value, 15);
        Assert.Null(s.ConfidenceLow);
        Assert.Null(s.ConfidenceHigh);
        Assert.Null(s.T);
        Assert.Null(s.PValue);
        Assert.Null(s.DailySharpeControl);
        Assert.Null(s.SharpeDifferenceZ);
        Assert.Null(s.SharpeDifferenceP);
        Assert.Null(s.DaysNeeded);
    }

    [Fact]
    public void Identical_arms_have_no_t_no_sharpe_test_and_no_days_needed()
    {
        var s = new PairedReturnStatistics();
        s.Add(0.01, 0.01);
        s.Add(-0.02, -0.02);
        s.Add(0.005, 0.005);

        Assert.Equal(0.0, s.MeanDifference!.Value);
        Assert.Equal(0.0, s.ConfidenceLow!.Value); // s_d = 0: the interval is the point d̄
        Assert.Null(s.T);
        Assert.Null(s.PValue);
        Assert.Null(s.SharpeDifferenceZ); // θ = 0
        Assert.Null(s.DaysNeeded);
        Assert.NotNull(s.DailySharpeControl);
    }

    [Fact]
    public void A_constant_difference_has_no_t_but_a_flat_arm_has_no_sharpe()
    {
        var s = new PairedReturnStatistics();
        s.Add(0.0, 0.01);
        s.Add(0.0, 0.03);
        s.Add(0.0, -0.01);

        Assert.Null(s.DailySharpeControl); // zero variance
        Assert.NotNull(s.DailySharpeTreatment);
        Assert.Null(s.SharpeDifferenceZ);
        Assert.NotNull(s.T);
        Assert.NotNull(s.DaysNeeded);
    }

    [Fact]
    public void Non_finite_returns_are_rejected_and_change_nothing()
    {
        var s = new PairedReturnStatistics();
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(double.NaN, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(0.0, double.PositiveInfinity));
        Assert.Equal(0, s.Count);
    }

    private static void AssertRelative(double expected, double actual)
        => Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, was {actual:R}");
}
