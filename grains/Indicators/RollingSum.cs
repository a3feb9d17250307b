namespace TradingRobotPlug.Grains.Indicators;

/// <summary>Sum of the last <c>n</c> values, kept as a <see cref="DoubleDouble"/> so it does not drift. O(1) per add.</summary>
internal sealed class RollingSum
{
    private readonly RingBuffer _window;
    private DoubleDouble _sum;

    /// <summary>Creates an empty window of <paramref name="period"/> values (≥ 1).</summary>
    public RollingSum(int period) => _window = new RingBuffer(period);

    /// <summary>True once the window holds <c>period</c> values.</summary>
    public bool IsFull => _window.IsFull;

    /// <summary>Values currently in the window.</summary>
    public int Count => _window.Count;

    /// <summary>Sum of the values in the window.</summary>
    public DoubleDouble Sum => _sum;

    /// <summary>Adds a value, evicting the oldest when full.</summary>
    public void Add(double value)
    {
        if (_window.Push(value, out var evicted))
        {
            _sum -= evicted;
        }

        _sum += value;
    }
}
