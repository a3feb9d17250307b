namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>An equity curve with its drawdown series.</summary>
/// <param name="Points">Points in time order (downsampled when <c>maxPoints</c> was given).</param>
public sealed record EquityCurve(IReadOnlyList<EquityDrawdownPoint> Points);
