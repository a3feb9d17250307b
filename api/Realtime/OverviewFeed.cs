using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// What the notifier holds for one overview group between pushes: every owner's (<c>overview</c>) or one owner's
/// (<c>overview@{owner}</c>). It takes only the updates of its strategies (by <see cref="StrategyUpdated.Owner"/>) and
/// reads its owner's portfolio grain. Not thread-safe: the notifier guards it with its lock.
/// </summary>
internal sealed class OverviewFeed(DashboardGroup group)
{
    /// <summary>The overview group.</summary>
    public DashboardGroup Group { get; } = group;

    /// <summary>The portfolio grain whose marks the group gets: the whole cluster's, or the owner's.</summary>
    public string PortfolioKey { get; } = group.Owner is { } owner ? IPortfolioGrain.OwnerKey(owner) : IPortfolioGrain.Key;

    /// <summary>Strategies whose latest summary has not been pushed.</summary>
    public HashSet<StrategyId> Dirty { get; } = [];

    /// <summary>Alerts not yet pushed.</summary>
    public List<AlertRaised> Alerts { get; } = [];

    /// <summary>The replay status not yet pushed (latest wins); null when none.</summary>
    public ReplayStatus? PendingReplay { get; set; }

    /// <summary>The portfolio may have a new mark: read it at the next flush.</summary>
    public bool PortfolioDirty { get; set; }

    /// <summary>The newest bar time of the group's strategies' updates: the portfolio's marks are expected to reach it.</summary>
    public DateTimeOffset? NewestBarTime { get; set; }

    /// <summary>The time of the last portfolio mark pushed.</summary>
    public DateTimeOffset? LastPortfolioMark { get; set; }

    /// <summary>Whether an update of a strategy stored with owner <paramref name="storedOwner"/> belongs to the group.</summary>
    public bool Includes(string? storedOwner) => Group.Owner is null || Owners.Same(storedOwner, Group.Owner);
}
