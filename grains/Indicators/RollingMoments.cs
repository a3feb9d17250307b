namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Mean and population variance of the last <c>n</c> values in O(1) per add. Σx and Σx² are kept as
/// <see cref="DoubleDouble"/> (x² is formed exactly with a fused multiply-add) and the variance is evaluated as
/// <c>(n·Σx² − (Σx)²) / n²</c> in double-double arithmetic, so neither drift nor cancellation costs precision.
/// A window whose values are all equal (tracked by the length of the current run of equal values) has exactly that
/// value as mean and exactly 0 as variance, instead of a residue of order 2^-106 of the sums.
/// </summary>
internal sealed class RollingMoments
{
    private readonly RingBuffer _window;
    private DoubleDouble _sum;
    private DoubleDouble _sumOfSquares;
    private double _last;
    private long _run;

    /// <summary>Creates an empty window of <paramref name="period"/> values (≥ 1).</summary>
    public RollingMoments(int period) => _window = new RingBuffer(period);

    /// <summary>True once the window holds <c>period</c> values.</summary>
    public bool IsFull => _window.IsFull;

    /// <summary>Adds a value, evicting the oldest when full.</summary>
    public void Add(double value)
    {
        if (_window.Push(value, out var evicted))
        {
            _sum -= evicted;
            _sumOfSquares -= DoubleDouble.Product(evicted, evicted);
        }

        _sum += value;
        _sumOfSquares += DoubleDouble.Product(value, value);
        _run = _run > 0 && value == _last ? _run + 1 : 1;
        _last = value;
    }

    private bool IsConstant => _run >= _window.Count;

    /// <summary>Mean of the values in the window (the window must not be empty).</summary>
    public double Mean => IsConstant ? _last : _sum.Value / _window.Count;

    /// <summary>Population variance (divisor n) of the values in the window, ≥ 0.</summary>
    public double PopulationVariance
    {
        get
        {
            if (IsConstant)
            {
                return 0;
            }

            double n = _window.Count;
            var scaled = (_sumOfSquares * n) - (_sum * _sum);
            var variance = scaled.Value / (n * n);
            return variance > 0 ? variance : 0;
        }
    }
}
