namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Appel's MACD(fast, slow, signal) of the close, in price units:
/// <list type="bullet">
/// <item><c>MACD = EMA(fast) − EMA(slow)</c>, each EMA seeded with the SMA of its own first inputs; available
/// after <c>slow</c> bars.</item>
/// <item><c>Signal = EMA(signal)</c> of the MACD values, seeded with the SMA of the first <c>signal</c> MACD values;
/// available after <c>slow + signal − 1</c> bars.</item>
/// <item><c>Histogram = MACD − Signal</c>, available with the signal.</item>
/// </list>
/// <see cref="IsReady"/> (all three values) after <c>slow + signal − 1</c> bars.
/// </summary>
public sealed class MovingAverageConvergenceDivergence : IIndicator
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    /// <summary>Creates a MACD.</summary>
    /// <param name="fastPeriod">Fast EMA period, ≥ 1 and less than <paramref name="slowPeriod"/> (classic 12).</param>
    /// <param name="slowPeriod">Slow EMA period (classic 26).</param>
    /// <param name="signalPeriod">Signal EMA period, ≥ 1 (classic 9).</param>
    /// <exception cref="ArgumentOutOfRangeException">A period is &lt; 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="fastPeriod"/> ≥ <paramref name="slowPeriod"/>.</exception>
    public MovingAverageConvergenceDivergence(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        IndicatorGuard.Period(fastPeriod, nameof(fastPeriod));
        IndicatorGuard.Period(slowPeriod, nameof(slowPeriod));
        IndicatorGuard.Period(signalPeriod, nameof(signalPeriod));
        if (fastPeriod >= slowPeriod)
        {
            throw new ArgumentException($"fastPeriod ({fastPeriod}) must be less than slowPeriod ({slowPeriod}).", nameof(fastPeriod));
        }

        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    /// <summary>Fast EMA period.</summary>
    public int FastPeriod => _fast.Period;

    /// <summary>Slow EMA period.</summary>
    public int SlowPeriod => _slow.Period;

    /// <summary>Signal EMA period.</summary>
    public int SignalPeriod => _signal.Period;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => SlowPeriod + SignalPeriod - 1;

    /// <inheritdoc />
    public bool IsReady => _signal.IsReady;

    /// <summary>EMA(fast) − EMA(slow), price units; null for the first slow − 1 bars.</summary>
    public double? Macd { get; private set; }

    /// <summary>EMA(signal) of <see cref="Macd"/>, price units; null until <see cref="WarmUpBars"/> bars.</summary>
    public double? Signal => _signal.Value;

    /// <summary><see cref="Macd"/> − <see cref="Signal"/>, price units; null until <see cref="WarmUpBars"/> bars.</summary>
    public double? Histogram => IsReady ? Macd - Signal : null;

    /// <summary>Adds the next close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="close"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double close)
    {
        IndicatorGuard.Finite(close, nameof(close));
        _fast.Update(close);
        _slow.Update(close);
        Count++;
        if (_slow.Value is { } slow && _fast.Value is { } fast)
        {
            var macd = fast - slow;
            Macd = macd;
            _signal.Update(macd);
        }
    }
}
