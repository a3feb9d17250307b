namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Lane's stochastic oscillator(n, d):
/// <c>%K = 100·(C − LL_n)/(HH_n − LL_n)</c>, where HH_n/LL_n are the highest high/lowest low of the last n bars,
/// current bar included; <c>%D = SMA(d)</c> of %K. When <c>HH_n = LL_n</c> (no range at all in the window) %K is
/// defined as 50, the midpoint, so the oscillator never has a gap. Range [0, 100] for closes within [low, high].
/// %K is available after n bars, %D (and <see cref="IsReady"/>) after n + d − 1 bars.
/// </summary>
public sealed class StochasticOscillator : IIndicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly SimpleMovingAverage _d;

    /// <summary>Creates a stochastic oscillator.</summary>
    /// <param name="period">n, the %K lookback, ≥ 1 (classic 14).</param>
    /// <param name="smoothing">d, the %D averaging period, ≥ 1 (classic 3).</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is &lt; 1.</exception>
    public StochasticOscillator(int period, int smoothing)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        IndicatorGuard.Period(smoothing, nameof(smoothing));
        _highest = new RollingExtremum(period, isMaximum: true);
        _lowest = new RollingExtremum(period, isMaximum: false);
        _d = new SimpleMovingAverage(smoothing);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <summary>d.</summary>
    public int Smoothing => _d.Period;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period + Smoothing - 1;

    /// <inheritdoc />
    public bool IsReady => _d.IsReady;

    /// <summary>%K; null for the first n − 1 bars.</summary>
    public double? K { get; private set; }

    /// <summary>%D = SMA(d) of %K; null until <see cref="WarmUpBars"/> bars.</summary>
    public double? D => _d.Value;

    /// <summary>Adds the next bar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN or infinite (state unchanged).</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt; <paramref name="low"/> (state unchanged).</exception>
    public void Update(double high, double low, double close)
    {
        IndicatorGuard.HighLowClose(high, low, close);
        _highest.Add(high);
        _lowest.Add(low);
        Count++;
        if (_highest.IsFull)
        {
            var hh = _highest.Value;
            var ll = _lowest.Value;
            var k = hh > ll ? 100.0 * (close - ll) / (hh - ll) : 50.0;
            K = k;
            _d.Update(k);
        }
    }
}
