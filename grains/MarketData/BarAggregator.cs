using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Builds bars of one instrument and timeframe from its ticks. A tick belongs to the bar opening at
/// <see cref="TimeframeExtensions.BarOpenTime"/>(tick time): UTC-aligned, a tick exactly on a boundary opening the new
/// bar. Open = first tick's price, high/low = extremes, close = last tick's price (arrival order), volume = Σ sizes.
/// <para>
/// <see cref="Add"/> returns the finished bar when a tick falls in a later bar than the one being built (no bar is
/// made for intervals without ticks). <see cref="CloseIfDue"/> finishes the bar on a clock (e.g. a grain timer) and
/// <see cref="Flush"/> at the end of data. A tick earlier than the bar being built — or than the close of the last
/// finished bar — is refused, since that bar was already emitted.
/// </para>
/// Not thread-safe. O(1) per tick.
/// </summary>
public sealed class BarAggregator
{
    private readonly TimeSpan _duration;
    private DateTimeOffset? _openTime;
    private DateTimeOffset _emittedUntil = DateTimeOffset.MinValue;
    private decimal _open;
    private decimal _high;
    private decimal _low;
    private decimal _close;
    private decimal _volume;

    /// <summary>Creates an aggregator with no bar in progress.</summary>
    /// <exception cref="ArgumentException">The instrument is default or the timeframe undefined.</exception>
    public BarAggregator(InstrumentId instrument, Timeframe timeframe)
    {
        if (instrument.Symbol is null) throw new ArgumentException("instrument is default (unset).", nameof(instrument));
        if (!Enum.IsDefined(timeframe)) throw new ArgumentException($"timeframe {(int)timeframe} is not defined.", nameof(timeframe));
        Instrument = instrument;
        Timeframe = timeframe;
        _duration = timeframe.Duration();
    }

    /// <summary>The instrument aggregated.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The bar length.</summary>
    public Timeframe Timeframe { get; }

    /// <summary>The bar in progress as it stands (not final); null when none.</summary>
    public Bar? Current => _openTime is { } open ? new Bar(Instrument, Timeframe, open, _open, _high, _low, _close, _volume) : null;

    /// <summary>Adds a tick.</summary>
    /// <returns>The finished previous bar when the tick opens a later bar; otherwise null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tick"/> is null.</exception>
    /// <exception cref="ArgumentException">The tick is for another instrument, or earlier than the bar in progress or than the
    /// last finished bar's close; nothing changes.</exception>
    public Bar? Add(Tick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (tick.Instrument != Instrument)
        {
            throw new ArgumentException($"Tick is for {tick.Instrument}, this aggregator builds {Instrument} bars.", nameof(tick));
        }

        var openTime = Timeframe.BarOpenTime(tick.Time);
        if (tick.Time < _emittedUntil || (_openTime is { } current && openTime < current))
        {
            throw new ArgumentException(
                $"Tick at {tick.Time:O} is late: the {Timeframe.ToText()} bar in progress opens at {(_openTime ?? _emittedUntil):O}.",
                nameof(tick));
        }

        Bar? finished = null;
        if (_openTime is { } open && openTime > open)
        {
            finished = Finish();
        }

        if (_openTime is null)
        {
            _openTime = openTime;
            _open = _high = _low = tick.Price;
            _volume = 0m;
        }

        _high = Math.Max(_high, tick.Price);
        _low = Math.Min(_low, tick.Price);
        _close = tick.Price;
        _volume += tick.Size;
        return finished;
    }

    /// <summary>
    /// Continues building <paramref name="inProgress"/> (e.g. restored from persisted state after a restart), as if the
    /// ticks that made it had just been added. Only valid before any other tick.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="inProgress"/> is null.</exception>
    /// <exception cref="ArgumentException">The bar is for another instrument or timeframe, or this aggregator already has data.</exception>
    public void Resume(Bar inProgress)
    {
        ArgumentNullException.ThrowIfNull(inProgress);
        if (inProgress.Instrument != Instrument || inProgress.Timeframe != Timeframe)
        {
            throw new ArgumentException($"inProgress is a {inProgress.Timeframe.ToText()} bar of {inProgress.Instrument}, this aggregator builds {Timeframe.ToText()} bars of {Instrument}.", nameof(inProgress));
        }

        if (_openTime is not null || _emittedUntil != DateTimeOffset.MinValue)
        {
            throw new ArgumentException("inProgress: the aggregator already has data; resume only a fresh one.", nameof(inProgress));
        }

        _openTime = inProgress.OpenTime;
        _open = inProgress.Open;
        _high = inProgress.High;
        _low = inProgress.Low;
        _close = inProgress.Close;
        _volume = inProgress.Volume;
        _emittedUntil = inProgress.OpenTime;
    }

    /// <summary>Finishes the bar in progress if <paramref name="now"/> has reached its close time.</summary>
    /// <returns>The finished bar, or null when none is in progress or it is not yet due.</returns>
    public Bar? CloseIfDue(DateTimeOffset now)
        => _openTime is { } open && now >= open + _duration ? Finish() : null;

    /// <summary>Finishes the bar in progress now, e.g. at the end of the data, even if its time is not over.</summary>
    /// <returns>The bar, or null when none is in progress.</returns>
    public Bar? Flush() => _openTime is null ? null : Finish();

    private Bar Finish()
    {
        var bar = Current!;
        _emittedUntil = bar.OpenTime + _duration;
        _openTime = null;
        return bar;
    }
}
