using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>An instrument's last price and how much data it has seen.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="LastPrice">Last trade or close price; null before any data.</param>
/// <param name="LastTime">Time of the last price (UTC).</param>
/// <param name="Bars">Bars published.</param>
/// <param name="Ticks">Ticks accepted.</param>
/// <param name="LastBarOpenTime">Open time (UTC) of the newest bar in the history, of any timeframe; null before the first bar.</param>
[GenerateSerializer, Immutable, Alias("trp.InstrumentSnapshot")]
public sealed record InstrumentSnapshot([property: Id(0)] InstrumentId Instrument, [property: Id(1)] decimal? LastPrice, [property: Id(2)] DateTimeOffset? LastTime, [property: Id(3)] long Bars, [property: Id(4)] long Ticks, [property: Id(5)] DateTimeOffset? LastBarOpenTime = null);
