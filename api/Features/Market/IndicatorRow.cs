namespace TradingRobotPlug.Api.Features.Market;

/// <summary>The indicator values after one bar.</summary>
/// <param name="Time">Bar open time, UTC.</param>
/// <param name="Values">One value per column; null while that indicator is warming up.</param>
public sealed record IndicatorRow(DateTimeOffset Time, IReadOnlyList<double?> Values);
