namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Session volume-weighted average price: <c>VWAP = Σ(TP·V)/ΣV</c> over the bars of the current session, with the
/// typical price <c>TP = (H + L + C)/3</c>. A session is a UTC calendar day: the sums reset on the first bar whose
/// time falls on a later UTC date than the previous bar. Price units. The value is null while the session has no
/// volume (ΣV = 0), never a made-up price; with traded volume it is available from the first bar of each session.
/// </summary>
public sealed class SessionVwap : IIndicator
{
    private DoubleDouble _priceVolume;
    private DoubleDouble _volume;
    private DateTimeOffset? _lastTime;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => 1;

    /// <inheritdoc />
    public bool IsReady => Value.HasValue;

    /// <summary>The UTC date of the current session; null before the first bar.</summary>
    public DateOnly? SessionDate { get; private set; }

    /// <summary>Bars seen in the current session.</summary>
    public int SessionBars { get; private set; }

    /// <summary>The session VWAP; null before the first bar and while the session's volume is 0.</summary>
    public double? Value { get; private set; }

    /// <summary>Adds the next bar.</summary>
    /// <param name="time">The bar's time (its open time); only its UTC date matters. Must not be earlier than the previous bar's.</param>
    /// <param name="high">High price.</param>
    /// <param name="low">Low price, ≤ high.</param>
    /// <param name="close">Close price.</param>
    /// <param name="volume">Volume traded, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN or infinite, or volume is negative or not finite (state unchanged).</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt; <paramref name="low"/>, or <paramref name="time"/> is earlier than the previous bar's (state unchanged).</exception>
    public void Update(DateTimeOffset time, double high, double low, double close, double volume)
    {
        IndicatorGuard.HighLowClose(high, low, close);
        if (!double.IsFinite(volume) || volume < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "volume must be a finite number ≥ 0.");
        }

        if (time < _lastTime)
        {
            throw new ArgumentException($"time {time:O} is earlier than the previous bar's {_lastTime:O}.", nameof(time));
        }

        var date = DateOnly.FromDateTime(time.UtcDateTime);
        if (date != SessionDate)
        {
            SessionDate = date;
            SessionBars = 0;
            _priceVolume = default;
            _volume = default;
        }

        var typical = (high + low + close) / 3.0;
        _priceVolume += DoubleDouble.Product(typical, volume);
        _volume += volume;
        SessionBars++;
        Count++;
        _lastTime = time;
        Value = _volume.Value > 0 ? (_priceVolume.Value / _volume.Value) : null;
    }
}
