namespace TradingRobotPlug.Api.Realtime;

/// <summary>Payload of the <c>equity</c> event: equity points added since the last push (or the current curve on join).</summary>
/// <param name="StrategyId">The strategy, or <c>portfolio</c> in the overview group.</param>
/// <param name="Points">Points in time order.</param>
public sealed record EquityUpdate(string StrategyId, IReadOnlyList<EquityCurvePoint> Points)
{
    /// <summary>The <see cref="StrategyId"/> of the portfolio's equity in the overview group.</summary>
    public const string Portfolio = "portfolio";
}
