namespace TradingRobotPlug.Api.Features.Market;

/// <summary>An instrument's last price and data counts.</summary>
/// <param name="Symbol">Canonical symbol.</param>
/// <param name="LastPrice">Last trade or close price; null before any data.</param>
/// <param name="LastTime">Time of the last price (UTC).</param>
/// <param name="Bars">Bars published.</param>
/// <param name="Ticks">Ticks accepted.</param>
public sealed record InstrumentSummary(string Symbol, decimal? LastPrice, DateTimeOffset? LastTime, long Bars, long Ticks);
