using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// What the notifier holds for one strategy between pushes: the latest update (latest wins) and what accumulates for
/// the strategy's group (equity points, closed trades, alerts). Not thread-safe: the notifier guards it with its lock.
/// </summary>
internal sealed class StrategyFeed(StrategyId id)
{
    /// <summary>The strategy.</summary>
    public StrategyId Id { get; } = id;

    /// <summary>The strategy group.</summary>
    public DashboardGroup Group { get; } = DashboardGroup.ForStrategy(id);

    /// <summary>The latest update; null before the first.</summary>
    public StrategyUpdated? Latest { get; set; }

    /// <summary>The definition (spec, instruments), read once from the grain; null until read.</summary>
    public StrategySettings? Settings { get; set; }

    /// <summary>Whether a read of the definition has been attempted.</summary>
    public bool SettingsRead { get; set; }

    /// <summary>Highest equity point seen (0 before the first), for the drawdown of pushed equity points.</summary>
    public decimal Peak { get; set; }

    /// <summary>The latest summary has not been pushed to the strategy group.</summary>
    public bool MetricsDirty { get; set; }

    /// <summary>The latest positions have not been pushed to the strategy group.</summary>
    public bool PositionsDirty { get; set; }

    /// <summary>New trades or a changed open trade have not been pushed to the strategy group.</summary>
    public bool TradesDirty { get; set; }

    /// <summary>Equity points not yet pushed to the strategy group.</summary>
    public List<EquityCurvePoint> PendingEquity { get; set; } = [];

    /// <summary>Closed trades not yet pushed to the strategy group.</summary>
    public List<TradeRecord> PendingTrades { get; set; } = [];

    /// <summary>Alerts not yet pushed to the strategy group.</summary>
    public List<AlertRaised> PendingAlerts { get; set; } = [];

    /// <summary>Forgets what is pending for the strategy group (it has no members left).</summary>
    public void ClearGroupPending()
    {
        MetricsDirty = PositionsDirty = TradesDirty = false;
        PendingEquity.Clear();
        PendingTrades.Clear();
        PendingAlerts.Clear();
    }
}
