using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Synthetic ticks from geometric Brownian motion, deterministic per seed. Each <see cref="NextStep"/> emits one tick per
/// instrument (in the order given) at the same time; step 0 is at the start time with the start prices, step k at start
/// + k × interval with S_k = S_(k−1) · exp((μ − σ²/2)·Δt + σ·√Δt·Z), Δt = interval in years of 365.25 days, Z standard normal.
/// <para>
/// Each instrument draws from its own generator seeded from (seed, symbol), so its path does not change when instruments
/// are added or removed. The path is kept in double precision; emitted prices are rounded half-to-even to
/// <c>priceDecimals</c> places (at least one smallest increment). Sizes are whole units, uniform in [1, 100]. No bid/ask.
/// The same arguments always give the same ticks (own SplitMix64 generator, not <see cref="Random"/>).
/// </para>
/// Not thread-safe. Memory O(instruments); each step O(instruments).
/// </summary>
public sealed class GbmTickGenerator
{
    private const double DaysPerYear = 365.25;
    private const int MaxSize = 100;

    private readonly GbmInstrument[] _instruments;
    private readonly SplitMix64[] _random;
    private readonly double[] _price;
    private readonly DateTimeOffset _startTime;
    private readonly TimeSpan _interval;
    private readonly double _dtYears;
    private readonly int _priceDecimals;
    private readonly decimal _minimumPrice;

    /// <summary>Creates a generator positioned before step 0.</summary>
    /// <param name="instruments">One or more instruments, each symbol once.</param>
    /// <param name="startTime">Time of step 0 (converted to UTC).</param>
    /// <param name="tickInterval">Time between steps, &gt; 0.</param>
    /// <param name="seed">Seed; the same seed gives the same ticks.</param>
    /// <param name="priceDecimals">Decimal places of emitted prices, 0–10 (default 2).</param>
    /// <exception cref="ArgumentNullException"><paramref name="instruments"/> is null or has a null entry.</exception>
    /// <exception cref="ArgumentException">No instruments, a repeated or default symbol, a start price ≤ 0, a non-finite drift,
    /// or a volatility that is negative or not finite; the message names the instrument.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tickInterval"/> ≤ 0 or <paramref name="priceDecimals"/> outside 0–10.</exception>
    public GbmTickGenerator(IEnumerable<GbmInstrument> instruments, DateTimeOffset startTime, TimeSpan tickInterval, long seed, int priceDecimals = 2)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(priceDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceDecimals, 10);
        _instruments = [.. instruments];
        if (_instruments.Length == 0)
        {
            throw new ArgumentException("At least one instrument is needed.", nameof(instruments));
        }

        var seen = new HashSet<InstrumentId>();
        foreach (var p in _instruments)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(instruments));
            if (p.Instrument.Symbol is null) throw new ArgumentException("An instrument id is default (unset).", nameof(instruments));
            if (!seen.Add(p.Instrument)) throw new ArgumentException($"Instrument {p.Instrument} appears twice.", nameof(instruments));
            if (p.StartPrice <= 0) throw new ArgumentException($"{p.Instrument}: StartPrice must be positive, was {p.StartPrice}.", nameof(instruments));
            if (!double.IsFinite(p.Drift)) throw new ArgumentException($"{p.Instrument}: Drift must be finite, was {p.Drift}.", nameof(instruments));
            if (!double.IsFinite(p.Volatility) || p.Volatility < 0) throw new ArgumentException($"{p.Instrument}: Volatility must be finite and ≥ 0, was {p.Volatility}.", nameof(instruments));
        }

        _startTime = startTime.ToUniversalTime();
        _interval = tickInterval;
        _dtYears = tickInterval.TotalDays / DaysPerYear;
        _priceDecimals = priceDecimals;
        _minimumPrice = 1m / Pow10(priceDecimals);
        _random = [.. _instruments.Select(p => new SplitMix64(unchecked((ulong)seed) ^ SplitMix64.Hash(p.Instrument.Symbol)))];
        _price = [.. _instruments.Select(p => (double)p.StartPrice)];
    }

    /// <summary>Number of steps emitted so far (the next step's index).</summary>
    public long Step { get; private set; }

    /// <summary>UTC time of the next step.</summary>
    public DateTimeOffset NextTime => _startTime + (_interval * Step);

    /// <summary>Emits the next step: one tick per instrument, in the order given to the constructor, all at <see cref="NextTime"/>.</summary>
    /// <exception cref="OverflowException">A price left the range of <see cref="decimal"/> (absurd drift or volatility).</exception>
    public IReadOnlyList<Tick> NextStep()
    {
        var time = NextTime;
        var ticks = new Tick[_instruments.Length];
        for (int i = 0; i < _instruments.Length; i++)
        {
            var p = _instruments[i];
            var random = _random[i];
            if (Step > 0)
            {
                double z = random.NextGaussian();
                double sigma = p.Volatility;
                _price[i] *= Math.Exp(((p.Drift - (0.5 * sigma * sigma)) * _dtYears) + (sigma * Math.Sqrt(_dtYears) * z));
            }

            decimal price = Step == 0 ? decimal.Round(p.StartPrice, _priceDecimals, MidpointRounding.ToEven) : ToPrice(_price[i], p.Instrument);
            decimal size = 1 + (decimal)(random.Next() % MaxSize);
            ticks[i] = Tick.Create(p.Instrument, time, Math.Max(price, _minimumPrice), size);
        }

        Step++;
        return ticks;
    }

    /// <summary>Emits the next <paramref name="steps"/> steps lazily (each step's ticks in instrument order).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is negative.</exception>
    public IEnumerable<Tick> Generate(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        return GenerateCore(steps);
    }

    private IEnumerable<Tick> GenerateCore(int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            foreach (var tick in NextStep())
            {
                yield return tick;
            }
        }
    }

    private decimal ToPrice(double value, InstrumentId instrument)
    {
        if (!double.IsFinite(value) || value >= (double)decimal.MaxValue)
        {
            throw new OverflowException($"{instrument}: simulated price {value} at step {Step} is outside the decimal range.");
        }

        return decimal.Round((decimal)value, _priceDecimals, MidpointRounding.ToEven);
    }

    private static decimal Pow10(int n)
    {
        decimal result = 1m;
        for (int i = 0; i < n; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
