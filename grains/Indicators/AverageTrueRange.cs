namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Wilder's average true range ATR(n) (Wilder 1978). The true range needs the previous close:
/// <c>TR_t = max(H_t − L_t, |H_t − C_(t−1)|, |L_t − C_(t−1)|)</c>, so the first bar yields no TR and the first TR
/// comes with the second bar. ATR is seeded with the simple mean of the first n TRs and then smoothed with
/// α = 1/n: <c>ATR_t = ATR_(t−1) + (TR_t − ATR_(t−1))/n</c>. Price units, ≥ 0. Ready after n + 1 bars (n TRs).
/// </summary>
public sealed class AverageTrueRange : IIndicator
{
    private double _previousClose;
    private DoubleDouble _seed;
    private double _value;

    /// <summary>Creates an ATR.</summary>
    /// <param name="period">n, the number of true ranges smoothed, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public AverageTrueRange(int period) => Period = IndicatorGuard.Period(period, nameof(period));

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period + 1;

    /// <inheritdoc />
    public bool IsReady => Count > Period;

    /// <summary>The latest true range; null on the first bar.</summary>
    public double? TrueRange { get; private set; }

    /// <summary>The ATR in price units; null until n true ranges have been seen.</summary>
    public double? Value => IsReady ? _value : null;

    /// <summary>Adds the next bar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is NaN or infinite (state unchanged).</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt; <paramref name="low"/> (state unchanged).</exception>
    public void Update(double high, double low, double close)
    {
        IndicatorGuard.HighLowClose(high, low, close);
        Count++;
        if (Count > 1)
        {
            var tr = Math.Max(high - low, Math.Max(Math.Abs(high - _previousClose), Math.Abs(low - _previousClose)));
            TrueRange = tr;
            var ranges = Count - 1;
            if (ranges < Period)
            {
                _seed += tr;
            }
            else if (ranges == Period)
            {
                _value = (_seed + tr).Value / Period;
            }
            else
            {
                _value += (tr - _value) / Period;
            }
        }

        _previousClose = close;
    }
}
