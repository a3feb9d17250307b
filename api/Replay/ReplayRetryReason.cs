namespace TradingRobotPlug.Api.Replay;

/// <summary>Why the replay is retrying the publish of a chunk (see <see cref="ReplayRetryPolicy.Classify"/>).</summary>
public enum ReplayRetryReason
{
    /// <summary>The durable storage (PostgreSQL) failed or did not answer: the replay waits for it without a time limit.</summary>
    Storage,

    /// <summary>A transient cluster failure (timeout, dead silo, rejected message): retried for up to
    /// <see cref="ReplayRetryPolicy.ClusterRetryLimit"/>, then the replay fails.</summary>
    Cluster,

    /// <summary>A state write conflicted with the stored version (Orleans' <c>InconsistentStateException</c>, an ETag
    /// mismatch), typically after an outage in which the storage committed a write whose answer was lost: Orleans
    /// deactivates the grain, which reads its stored state again on the next attempt. Retried like
    /// <see cref="Cluster"/>, for up to <see cref="ReplayRetryPolicy.ClusterRetryLimit"/>.</summary>
    Conflict,
}
