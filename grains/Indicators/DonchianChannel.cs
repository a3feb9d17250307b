namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Donchian channel(n): the highest high and lowest low of the last n bars, current bar included. Price units.
/// Ready after n bars. Amortised O(1) per bar (monotonic deques).
/// </summary>
public sealed class DonchianChannel : IIndicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;

    /// <summary>Creates a Donchian channel.</summary>
    /// <param name="period">n, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public DonchianChannel(int period)
    {
        Period = IndicatorGuard.Period(period, nameof(period));
        _highest = new RollingExtremum(period, isMaximum: true);
        _lowest = new RollingExtremum(period, isMaximum: false);
    }

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period;

    /// <inheritdoc />
    public bool IsReady => Count >= Period;

    /// <summary>Highest high of the last n bars; null until ready.</summary>
    public double? High => IsReady ? _highest.Value : null;

    /// <summary>Lowest low of the last n bars; null until ready.</summary>
    public double? Low => IsReady ? _lowest.Value : null;

    /// <summary>Adds the next bar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN or infinite (state unchanged).</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt; <paramref name="low"/> (state unchanged).</exception>
    public void Update(double high, double low)
    {
        IndicatorGuard.HighLowClose(high, low, low);
        _highest.Add(high);
        _lowest.Add(low);
        Count++;
    }
}
