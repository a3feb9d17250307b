namespace TradingRobotPlug.Api.Features.Market;

/// <summary>A batch of ticks for one instrument.</summary>
/// <param name="Timeframe">Timeframe the instrument folds the ticks into (<c>1m</c> default, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>).</param>
/// <param name="Ticks">Ticks in time order; at most <c>Trading:MaxTickBatch</c> (413 beyond).</param>
/// <param name="Sequence">Optional: the index of the first tick in the instrument's tick sequence (the instrument's
/// <c>ticks</c> count before this batch). With it a repeated batch is acknowledged without publishing its ticks again, so
/// a feed can retry a request that failed or timed out; without it every request is applied.</param>
public sealed record TickBatch(string? Timeframe, TickInput[]? Ticks, long? Sequence = null);
