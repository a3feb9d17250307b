namespace TradingRobotPlug.Grains.Indicators;

/// <summary>One bar as the <see cref="IndicatorSet"/> hands it to its indicators (already validated).</summary>
/// <param name="Time">Bar open time.</param>
/// <param name="High">High price.</param>
/// <param name="Low">Low price.</param>
/// <param name="Close">Close price.</param>
/// <param name="Volume">Volume.</param>
internal readonly record struct IndicatorInput(DateTimeOffset Time, double High, double Low, double Close, double Volume);
