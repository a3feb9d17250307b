namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// Wilder's relative strength index RSI(n) (Wilder 1978). Each update after the first gives a change
/// <c>c_t − c_(t−1)</c>, split into gain = max(change, 0) and loss = max(−change, 0). The average gain and loss are
/// seeded with the simple mean of the first n gains/losses and then smoothed with α = 1/n:
/// <c>avg_t = avg_(t−1) + (x_t − avg_(t−1))/n</c>. <c>RSI = 100 − 100/(1 + avgGain/avgLoss)</c>, computed as the
/// equivalent <c>100·avgGain/(avgGain + avgLoss)</c>, so avgLoss = 0 gives 100 and avgGain = 0 gives 0; when both
/// are 0 (no price movement at all) the RSI is defined as 50. Range [0, 100]. Ready after n + 1 updates (n changes).
/// </summary>
public sealed class RelativeStrengthIndex : IIndicator
{
    private double _previous;
    private DoubleDouble _gainSeed;
    private DoubleDouble _lossSeed;
    private double _averageGain;
    private double _averageLoss;

    /// <summary>Creates an RSI.</summary>
    /// <param name="period">n, the number of changes smoothed, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> &lt; 1.</exception>
    public RelativeStrengthIndex(int period) => Period = IndicatorGuard.Period(period, nameof(period));

    /// <summary>n.</summary>
    public int Period { get; }

    /// <inheritdoc />
    public long Count { get; private set; }

    /// <inheritdoc />
    public int WarmUpBars => Period + 1;

    /// <inheritdoc />
    public bool IsReady => Count > Period;

    /// <summary>Wilder's smoothed average gain (price units per bar); null until ready.</summary>
    public double? AverageGain => IsReady ? _averageGain : null;

    /// <summary>Wilder's smoothed average loss, as a positive number (price units per bar); null until ready.</summary>
    public double? AverageLoss => IsReady ? _averageLoss : null;

    /// <summary>The RSI in [0, 100]; null until n changes have been seen.</summary>
    public double? Value
    {
        get
        {
            if (!IsReady)
            {
                return null;
            }

            var total = _averageGain + _averageLoss;
            return total > 0 ? 100.0 * _averageGain / total : 50.0;
        }
    }

    /// <summary>Adds the next close.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="close"/> is NaN or infinite (state unchanged).</exception>
    public void Update(double close)
    {
        IndicatorGuard.Finite(close, nameof(close));
        Count++;
        if (Count > 1)
        {
            var change = close - _previous;
            var gain = change > 0 ? change : 0.0;
            var loss = change < 0 ? -change : 0.0;
            var changes = Count - 1;
            if (changes < Period)
            {
                _gainSeed += gain;
                _lossSeed += loss;
            }
            else if (changes == Period)
            {
                _averageGain = (_gainSeed + gain).Value / Period;
                _averageLoss = (_lossSeed + loss).Value / Period;
            }
            else
            {
                _averageGain += (gain - _averageGain) / Period;
                _averageLoss += (loss - _averageLoss) / Period;
            }
        }

        _previous = close;
    }
}
