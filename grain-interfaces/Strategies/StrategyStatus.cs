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
}
