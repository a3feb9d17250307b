namespace TradingRobotPlug.Api.Replay;

/// <summary>Why the replay is retrying the publish of a chunk (see <see cref="ReplayRetryPolicy.Classify"/>).</summary>
public enum ReplayRetryReason
{
    /// <summary>The durable storage (PostgreSQL) failed or did not answer: the replay waits for it without a time limit.</summary>
    Storage,

    /// <summary>A transient cluster failure (timeout, dead silo, rejected message): retried for up to
    /// <see cref="ReplayRetryPolicy.ClusterRetryLimit"/>, then the replay fails.</summary>
    Cluster,
}
