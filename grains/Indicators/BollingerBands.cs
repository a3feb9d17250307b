namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Bollinger bands(n, k) of the close: <c>Middle = SMA(n)</c>, <c>Upper/Lower = Middle ± k·σ</c>, where σ is the
/// population standard deviation (divisor n) of the last n closes, current one included. Price units. Ready after
/// n bars.
/// </summary>
public sealed class BollingerBands : IIndicator
{
    private readonly RollingMoments _moments;

    /// <summary>Creates Bollinger bands.</summary>
    /// <param name="period">n, ≥ 1 (classic 20).</param>
    /// <param name="width">k, the band half-width in standard deviations, finite and &gt; 0 (classic 2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1, or <paramref name="width"/> not finite and positive.</exception>
    public BollingerBands(int period, double width)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        if (!double.IsFinite(width) || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "width must be a finite number greater than 0.");
        }

        Width = width;
        _moments = new RollingMoments(period);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <summary>k.</summary>
    public double Width { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period;

    /// <inheritdoc />
    public bool IsReady => Middle.HasValue;

    /// <summary>SMA(n) of the close; null until ready.</summary>
    public double? Middle { get; private set; }

    /// <summary>Middle + k·σ; null until ready.</summary>
    public double? Upper { get; private set; }

    /// <summary>Middle − k·σ; null until ready.</summary>
    public double? Lower { get; private set; }

    /// <summary>σ, the population standard deviation of the last n closes; null until ready.</summary>
    public double? StandardDeviation { get; private set; }

    /// <summary>Adds the next close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="close"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double close)
    {
        IndicatorGuard.Finite(close, nameof(close));
        _moments.Add(close);
        Count++;
        if (_moments.IsFull)
        {
            var middle = _moments.Mean;
            var sigma = Math.Sqrt(_moments.PopulationVariance);
            Middle = middle;
            StandardDeviation = sigma;
            Upper = middle + (Width * sigma);
            Lower = middle - (Width * sigma);
        }
    }
}
