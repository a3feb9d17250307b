using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// One strategy as <see cref="PortfolioEquityFolder"/> sees it: its closed trades received but not yet folded into
/// portfolio marks (its pending points are in the folder's calendar), and its contribution (<see cref="Current"/>) to
/// the portfolio sum. Mutable state owned by the folder.
/// </summary>
internal sealed class PortfolioMember(StrategyId id, int order, decimal initialCapital)
{
    /// <summary>The strategy.</summary>
    public StrategyId Id { get; } = id;

    /// <summary>Arrival order, a tie-breaker that keeps keys of the running set unique.</summary>
    public int Order { get; } = order;

    /// <summary>Lifecycle status from the latest update.</summary>
    public StrategyStatus Status { get; set; }

    /// <summary>Equity of the last folded point (account currency); the starting capital before the first point.</summary>
    public decimal Current { get; set; } = initialCapital;

    /// <summary>Benchmark equity of the last folded point (account currency); the starting capital before the first point.</summary>
    public decimal CurrentBenchmark { get; set; } = initialCapital;

    /// <summary>Whether a position was open at the last folded point.</summary>
    public bool InMarket { get; set; }

    /// <summary>Received, not yet folded closed trades, in exit-time order.</summary>
    public Queue<TradeRecord> Trades { get; } = new();

    /// <summary>Entry time of the trade open after the latest update, or null when flat.</summary>
    public DateTimeOffset? OpenEntry { get; set; }

    /// <summary>Time of the last point received (folded or not): how far the strategy has reported.</summary>
    public DateTimeOffset? LastPointTime { get; set; }

    /// <summary>Exit time of the last trade received; later duplicates are dropped.</summary>
    public DateTimeOffset? LastTradeExit { get; set; }

    /// <summary>The member's key in the folder's set of running members, when it is in it.</summary>
    public (DateTimeOffset Time, int Order)? RunningKey { get; set; }

    /// <summary>Expected (listed in the strategy directory) but not heard from yet: blocks like a running strategy that
    /// has reported nothing, and contributes nothing until its first update gives its capital.</summary>
    public bool Placeholder { get; set; }

    /// <summary>
    /// Deleted: its stale calendar entries are skipped. Deleted before the portfolio started it is also dropped from the
    /// members; after the start its equity was withdrawn and it stays known, so later updates for the id are ignored.
    /// </summary>
    public bool Removed { get; set; }
}
