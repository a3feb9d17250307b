namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Maximum (or minimum) of the last <c>n</c> values with a monotonic deque: amortised O(1) per add, O(n) memory.
/// The deque keeps, oldest first, the values that can still become the extremum; each value enters and leaves once.
/// </summary>
internal sealed class RollingExtremum
{
    private readonly double[] _values;
    private readonly long[] _positions;
    private readonly bool _isMaximum;
    private int _head;
    private int _count;
    private long _added;

    /// <summary>Creates an empty window.</summary>
    /// <param name="period">Window length, ≥ 1.</param>
    /// <param name="isMaximum">True for the rolling maximum, false for the rolling minimum.</param>
    public RollingExtremum(int period, bool isMaximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _values = new double[period];
        _positions = new long[period];
        _isMaximum = isMaximum;
    }

    /// <summary>True once <c>period</c> values have been added.</summary>
    public bool IsFull => _added >= _values.Length;

    /// <summary>The extremum of the window (at least one value must have been added).</summary>
    public double Value => _values[_head];

    /// <summary>Adds a value, dropping the one that leaves the window.</summary>
    public void Add(double value)
    {
        var period = _values.Length;
        while (_count > 0)
        {
            var back = (_head + _count - 1) % period;
            var dominated = _isMaximum ? _values[back] <= value : _values[back] >= value;
            if (!dominated)
            {
                break;
            }

            _count--;
        }

        while (_count > 0 && _positions[_head] <= _added - period)
        {
            _head = (_head + 1) % period;
            _count--;
        }

        var slot = (_head + _count) % period;
        _values[slot] = value;
        _positions[slot] = _added;
        _count++;
        _added++;
    }
}
