using System.Text.Json.Serialization;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// An OHLCV bar: prices in the instrument's quote currency, volume in units traded. Invariants (checked by
/// <see cref="Create"/>): all prices positive, Low ≤ Open, Close ≤ High, volume ≥ 0.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Timeframe">Bar length.</param>
/// <param name="OpenTime">UTC time the bar opens.</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Volume traded.</param>
[GenerateSerializer, Immutable, Alias("trp.Bar")]
public sealed record Bar(
    [property: Id(0)] InstrumentId Instrument,
    [property: Id(1)] Timeframe Timeframe,
    [property: Id(2)] DateTimeOffset OpenTime,
    [property: Id(3)] decimal Open,
    [property: Id(4)] decimal High,
    [property: Id(5)] decimal Low,
    [property: Id(6)] decimal Close,
    [property: Id(7)] decimal Volume)
{
    /// <summary>
    /// UTC time the bar closes: <see cref="OpenTime"/> plus the timeframe's duration, which is also the open time of
    /// the next contiguous bar. An order decided on this bar's close is placed at this time. Derived, so not serialized.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Timeframe"/> is not a defined value.</exception>
    [JsonIgnore]
    public DateTimeOffset CloseTime => OpenTime + Timeframe.Duration();

    /// <summary>Creates a bar after checking its invariants.</summary>
    /// <exception cref="ArgumentException">A price is not positive, high &lt; low, open or close outside [low, high], or volume negative; the message names the field.</exception>
    public static Bar Create(InstrumentId instrument, Timeframe timeframe, DateTimeOffset openTime, decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        if (open <= 0) throw new ArgumentException($"open must be positive, was {open}.", nameof(open));
        if (high <= 0) throw new ArgumentException($"high must be positive, was {high}.", nameof(high));
        if (low <= 0) throw new ArgumentException($"low must be positive, was {low}.", nameof(low));
        if (close <= 0) throw new ArgumentException($"close must be positive, was {close}.", nameof(close));
        if (high < low) throw new ArgumentException($"high ({high}) is below low ({low}).", nameof(high));
        if (open < low || open > high) throw new ArgumentException($"open ({open}) is outside [low {low}, high {high}].", nameof(open));
        if (close < low || close > high) throw new ArgumentException($"close ({close}) is outside [low {low}, high {high}].", nameof(close));
        if (volume < 0) throw new ArgumentException($"volume must not be negative, was {volume}.", nameof(volume));
        return new Bar(instrument, timeframe, openTime.ToUniversalTime(), open, high, low, close, volume);
    }
}
