namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// A strategy's numbers left the range of <see cref="StrategyLimits"/> (e.g. an all-in strategy compounding its equity
/// past 10¹⁸). Thrown by <see cref="StrategyEngine.OnBar"/> after the bar was fully processed, so the engine's state
/// is consistent and readable; the strategy grain then marks the strategy <c>Failed</c> with <see cref="Exception.Message"/>.
/// </summary>
public sealed class StrategyLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the figure, its value, the limit and the bar.</summary>
    public StrategyLimitExceededException(string message)
        : base(message)
    {
    }
}
