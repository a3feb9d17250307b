namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Population standard deviation (divisor n) of the last n inputs, current one included:
/// <c>σ = sqrt(Σ(x − x̄)²/n)</c>. Input units. Ready after n updates; n = 1 gives 0.
/// </summary>
public sealed class RollingStandardDeviation : IIndicator
{
    private readonly RollingMoments _moments;

    /// <summary>Creates a rolling standard deviation.</summary>
    /// <param name="period">n, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public RollingStandardDeviation(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _moments = new RollingMoments(period);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period;

    /// <inheritdoc />
    public bool IsReady => Value.HasValue;

    /// <summary>σ, ≥ 0; null until n inputs have been seen.</summary>
    public double? Value { get; private set; }

    /// <summary>Adds the next input.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double value)
    {
        IndicatorGuard.Finite(value, nameof(value));
        _moments.Add(value);
        Count++;
        if (_moments.IsFull)
        {
            Value = Math.Sqrt(_moments.PopulationVariance);
        }
    }
}
