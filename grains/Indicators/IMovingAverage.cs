namespace TradingRobotPlug.Grains.Indicators;

/// <summary>A moving average of a single input series (SMA, EMA, WMA): O(1) per update, null until ready.</summary>
public interface IMovingAverage : IIndicator
{
    /// <summary>The average, in the input's units; null until the lookback is filled.</summary>
    double? Value { get; }

    /// <summary>Adds the next input (typically a close).</summary>
    void Update(double value);
}
