using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>An instrument's last price and how much data it has seen.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="LastPrice">Last trade or close price; null before any data.</param>
/// <param name="LastTime">Time of the last price (UTC).</param>
/// <param name="Bars">Bars published.</param>
/// <param name="Ticks">Ticks accepted.</param>
[Immutable]
public sealed record InstrumentSnapshot(InstrumentId Instrument, decimal? LastPrice, DateTimeOffset? LastTime, long Bars, long Ticks);
