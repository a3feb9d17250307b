namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Linearly weighted moving average WMA(n): <c>Σ_(i=1..n) i·x_(t−n+i) / (n(n+1)/2)</c>, the newest input weighted n
/// and the oldest 1. Ready after n updates. O(1) per update: with S the plain window sum and N the weighted sum,
/// sliding the window gives <c>N' = N − S + n·x_new</c>; both are double-doubles so they do not drift.
/// </summary>
public sealed class WeightedMovingAverage : IIndicator
{
    private readonly RingBuffer _window;
    private readonly double _weightTotal;
    private DoubleDouble _sum;
    private DoubleDouble _weightedSum;

    /// <summary>Creates a WMA.</summary>
    /// <param name="period">n, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public WeightedMovingAverage(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _window = new RingBuffer(period);
        _weightTotal = period * (period + 1.0) / 2.0;
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period;

    /// <inheritdoc />
    public bool IsReady => Value.HasValue;

    /// <summary>The average, in the input's units; null until n inputs have been seen.</summary>
    public double? Value { get; private set; }

    /// <summary>Adds the next input.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double value)
    {
        IndicatorGuard.Finite(value, nameof(value));
        if (_window.Push(value, out var evicted))
        {
            _weightedSum = _weightedSum - _sum + DoubleDouble.Product(Period, value);
            _sum = _sum - evicted + value;
        }
        else
        {
            // Filling: the k-th input gets weight k, which is its final weight once the window is full.
            _weightedSum += DoubleDouble.Product(_window.Count, value);
            _sum += value;
        }

        Count++;
        if (_window.IsFull)
        {
            Value = _weightedSum.Value / _weightTotal;
        }
    }
}
