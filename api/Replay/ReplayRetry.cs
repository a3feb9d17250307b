namespace TradingRobotPlug.Api.Replay;

/// <summary>
/// The replay is waiting to publish its next chunk again after failed attempts (part of <see cref="ReplayStatus"/> while
/// it lasts; null once the chunk is published). Nothing of the chunk counts as published until an attempt succeeds.
/// </summary>
/// <param name="Reason">Why the last attempt failed: <see cref="ReplayRetryReason.Storage"/> (waits as long as the storage is
/// down), <see cref="ReplayRetryReason.Cluster"/> or <see cref="ReplayRetryReason.Conflict"/> (retried for a limited time).</param>
/// <param name="Attempts">Failed attempts at the chunk so far, ≥ 1.</param>
/// <param name="SinceUtc">When the first attempt at the chunk failed.</param>
/// <param name="NextAttemptUtc">When the next attempt is due (a paused replay makes it when resumed).</param>
/// <param name="Error">The last attempt's error message (the exception's own message, not the innermost one).</param>
public sealed record ReplayRetry(
    ReplayRetryReason Reason,
    int Attempts,
    DateTimeOffset SinceUtc,
    DateTimeOffset NextAttemptUtc,
    string Error);
