namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Rate of change ROC(n) = <c>C_t / C_(t−n) − 1</c>, a fraction (0.05 = +5 %). Needs the close n bars back, so it
/// is ready after n + 1 bars. Closes must be positive.
/// </summary>
public sealed class RateOfChange : IIndicator
{
    private readonly RingBuffer _closes;

    /// <summary>Creates a ROC.</summary>
    /// <param name="period">n, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public RateOfChange(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _closes = new RingBuffer(period + 1);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period + 1;

    /// <inheritdoc />
    public bool IsReady => Value.HasValue;

    /// <summary>The rate of change as a fraction; null for the first n bars.</summary>
    public double? Value { get; private set; }

    /// <summary>Adds the next close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="close"/> is not a finite positive number (state unchanged).</exception>
    public void Update(double close)
    {
        if (!double.IsFinite(close) || close <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(close), close, "close must be a finite positive number.");
        }

        _closes.Push(close, out _);
        Count++;
        if (_closes.IsFull)
        {
            Value = (close / _closes[0]) - 1.0;
        }
    }
}
