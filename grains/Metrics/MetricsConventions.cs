namespace TradingRobotPlug.Grains.Metrics;

/// <summary>Fixed conventions of the performance metrics (the same as empyrical's defaults).</summary>
public static class MetricsConventions
{
    /// <summary>Trading days per year used to annualise daily statistics (empyrical <c>APPROX_BDAYS_PER_YEAR</c> = 252).</summary>
    public const int TradingDaysPerYear = 252;

    /// <summary>The lower-tail probability of the historical value at risk: 0.05, i.e. VaR at 95 % confidence.</summary>
    public const double ValueAtRiskTail = 0.05;
}
