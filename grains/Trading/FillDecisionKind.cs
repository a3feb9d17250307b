namespace TradingRobotPlug.Grains.Trading;

/// <summary>What a fill model decided for an order on one bar.</summary>
public enum FillDecisionKind
{
    /// <summary>The order executed; see <see cref="FillDecision.Fill"/>.</summary>
    Filled = 1,

    /// <summary>The order did not execute on this bar and stays working; see <see cref="FillDecision.Reason"/>.</summary>
    Resting = 2,

    /// <summary>The order is refused for good; see <see cref="FillDecision.Rejection"/>.</summary>
    Rejected = 3,
}
