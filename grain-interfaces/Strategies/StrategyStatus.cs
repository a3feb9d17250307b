namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>Lifecycle of a strategy.</summary>
public enum StrategyStatus
{
    /// <summary>Never created.</summary>
    None,

    /// <summary>Created, not trading yet.</summary>
    Created,

    /// <summary>Subscribed to its instruments and trading.</summary>
    Running,

    /// <summary>Subscribed but ignoring bars (no orders, no marks).</summary>
    Paused,

    /// <summary>Unsubscribed; state kept.</summary>
    Stopped,

    /// <summary>
    /// Stopped by an error it cannot go on from (e.g. its numbers left <c>StrategyLimits</c>); the reason is kept with
    /// the strategy. Its state up to the failing bar stays readable and it can be deleted; other strategies and the
    /// portfolio go on (the portfolio keeps its last equity). It cannot be started again.
    /// </summary>
    Failed,
}
