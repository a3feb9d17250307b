namespace TradingRobotPlug.Api.Features.Market;

/// <summary>A batch of ticks for one instrument.</summary>
/// <param name="Timeframe">Timeframe the instrument folds the ticks into (<c>1m</c> default, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>).</param>
/// <param name="Ticks">Ticks in time order; at most <c>Trading:MaxTickBatch</c> (413 beyond).</param>
public sealed record TickBatch(string? Timeframe, TickInput[]? Ticks);
