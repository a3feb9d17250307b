namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Exponential moving average EMA(n) with α = 2/(n+1). Seeded with the SMA of the first n inputs (its first value,
/// at update n); afterwards <c>EMA_t = EMA_(t−1) + α·(x_t − EMA_(t−1))</c>. Ready after n updates.
/// </summary>
public sealed class ExponentialMovingAverage : IMovingAverage
{
    private readonly double _alpha;
    private DoubleDouble _seedSum;
    private double _value;

    /// <summary>Creates an EMA.</summary>
    /// <param name="period">n, ≥ 1 (n = 1 gives α = 1: the EMA equals the input).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public ExponentialMovingAverage(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _alpha = 2.0 / (period + 1);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <summary>The smoothing factor α = 2/(n+1), in (0, 1].</summary>
    public double Alpha => _alpha;

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period;

    /// <inheritdoc />
    public bool IsReady => Count >= Period;

    /// <summary>The average, in the input's units; null until n inputs have been seen.</summary>
    public double? Value => IsReady ? _value : null;

    /// <summary>Adds the next input.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double value)
    {
        IndicatorGuard.Finite(value, nameof(value));
        Count++;
        if (Count < Period)
        {
            _seedSum += value;
        }
        else if (Count == Period)
        {
            _value = (_seedSum + value).Value / Period;
        }
        else
        {
            _value += _alpha * (value - _value);
        }
    }
}
