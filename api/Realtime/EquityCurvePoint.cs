using TradingRobotPlug.GrainInterfaces.Portfolio;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>A point of an equity curve as the dashboard draws it.</summary>
/// <param name="Time">The mark's time (UTC): its bar's open time, the trading date of a daily bar.</param>
/// <param name="Equity">Equity, account currency.</param>
/// <param name="Drawdown">1 − equity / running peak (the highest of this and every earlier point of the curve), a fraction ≥ 0
/// (0 while the peak is not positive); the same definition as <c>GET /api/v1/strategies/{id}/equity</c>.</param>
/// <param name="BenchmarkEquity">The benchmark's equity at the same mark, as in the REST equity series; null without one
/// (and always for the portfolio).</param>
public sealed record EquityCurvePoint(DateTimeOffset Time, decimal Equity, double Drawdown, decimal? BenchmarkEquity = null)
{
    /// <summary>The point for <paramref name="equity"/> given the running <paramref name="peak"/> (already including it).</summary>
    public static EquityCurvePoint Create(DateTimeOffset time, decimal equity, decimal peak, decimal? benchmarkEquity = null)
        => new(time, equity, peak > 0 && equity < peak ? (double)(1m - (equity / peak)) : 0d, benchmarkEquity);

    /// <summary>
    /// The portfolio's latest mark on its time-weighted index (the opening capital grown by the unit value, as the
    /// portfolio's daily buckets hold it, so live points continue the bucket history): time, index equity, drawdown
    /// from its peak; null before the first mark. It equals the money equity until a strategy joins or is deleted.
    /// </summary>
    public static EquityCurvePoint? LatestOf(PortfolioSnapshot portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        return portfolio.Metrics is { LastMarkTime: { } time, EndEquity: { } equity } m
            ? Create(time, equity, Math.Max(m.PeakEquity ?? equity, equity))
            : null;
    }
}
