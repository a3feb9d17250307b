namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Simple moving average SMA(n): the arithmetic mean of the last n inputs, current one included. Ready after n
/// updates. The window sum is a double-double, so the value stays within a few ulps of a fresh summation forever.
/// </summary>
public sealed class SimpleMovingAverage : IMovingAverage
{
    private readonly RollingSum _sum;

    /// <summary>Creates an SMA.</summary>
    /// <param name="period">n, the number of inputs averaged, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public SimpleMovingAverage(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _sum = new RollingSum(period);
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

    /// <summary>Adds the next input (typically a close).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double value)
    {
        IndicatorGuard.Finite(value, nameof(value));
        _sum.Add(value);
        Count++;
        if (_sum.IsFull)
        {
            Value = _sum.Sum.Value / Period;
        }
    }
}
