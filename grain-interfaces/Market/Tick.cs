using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// One trade print (or synthetic price) of an instrument. Prices in the instrument's quote currency, size in units.
/// Invariants (checked by the <c>Create</c> methods): instrument set, <see cref="Price"/> &gt; 0, <see cref="Size"/> ≥ 0
/// (0 for a price-only tick), <see cref="Bid"/> and <see cref="Ask"/> &gt; 0 when present and bid ≤ ask when both are.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Time">UTC event time.</param>
/// <param name="Price">Trade price, &gt; 0.</param>
/// <param name="Size">Units traded, ≥ 0.</param>
/// <param name="Bid">Best bid at the time, if known.</param>
/// <param name="Ask">Best ask at the time, if known.</param>
[GenerateSerializer, Immutable, Alias("trp.Tick")]
public sealed record Tick(
    [property: Id(0)] InstrumentId Instrument,
    [property: Id(1)] DateTimeOffset Time,
    [property: Id(2)] decimal Price,
    [property: Id(3)] decimal Size,
    [property: Id(4)] decimal? Bid = null,
    [property: Id(5)] decimal? Ask = null)
{
    /// <summary>Creates a tick after checking its invariants; <paramref name="time"/> is converted to UTC.</summary>
    /// <exception cref="ArgumentException">The instrument is default, a price is not positive, the size is negative,
    /// or bid &gt; ask; the message names the field.</exception>
    public static Tick Create(InstrumentId instrument, DateTimeOffset time, decimal price, decimal size, decimal? bid = null, decimal? ask = null)
    {
        if (instrument.Symbol is null) throw new ArgumentException("instrument is default (unset).", nameof(instrument));
        if (price <= 0) throw new ArgumentException($"price must be positive, was {price}.", nameof(price));
        if (size < 0) throw new ArgumentException($"size must not be negative, was {size}.", nameof(size));
        if (bid <= 0) throw new ArgumentException($"bid must be positive, was {bid}.", nameof(bid));
        if (ask <= 0) throw new ArgumentException($"ask must be positive, was {ask}.", nameof(ask));
        if (bid > ask) throw new ArgumentException($"bid ({bid}) is above ask ({ask}).", nameof(bid));
        return new Tick(instrument, time.ToUniversalTime(), price, size, bid, ask);
    }

    /// <summary>
    /// Creates a tick from floating-point input (e.g. a simulation), converting each value to <see cref="decimal"/>
    /// (the conversion keeps at most 15 significant digits), then checking the invariants as the decimal overload does.
    /// Call with decimal literals (<c>100m</c>) to reach the decimal overload; plain integer literals are ambiguous.
    /// </summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite, too large for <see cref="decimal"/>, or breaks an
    /// invariant of the decimal overload; the message names the field.</exception>
    public static Tick Create(InstrumentId instrument, DateTimeOffset time, double price, double size, double? bid = null, double? ask = null)
        => Create(
            instrument,
            time,
            ToDecimal(price, nameof(price)),
            ToDecimal(size, nameof(size)),
            bid is { } b ? ToDecimal(b, nameof(bid)) : null,
            ask is { } a ? ToDecimal(a, nameof(ask)) : null);

    private static decimal ToDecimal(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{field} must be a finite number, was {value}.", field);
        }

        if (Math.Abs(value) >= (double)decimal.MaxValue)
        {
            throw new ArgumentException($"{field} ({value}) is too large for decimal.", field);
        }

        return (decimal)value;
    }
}
