namespace TradingRobotPlug.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None,

    /// <summary>The grain called <c>DeactivateOnIdle</c>.</summary>
    ApplicationRequested,

    /// <summary>The activation was idle longer than the collection age.</summary>
    ActivationIdle,

    /// <summary>A state write found a stale ETag (<see cref="Storage.InconsistentStateException"/>).</summary>
    IncompatibleState,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The runtime hit an unexpected error.</summary>
    RuntimeError,
}
