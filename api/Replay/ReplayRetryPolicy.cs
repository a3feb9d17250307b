using Orleans.Storage;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Api.Replay;

/// <summary>
/// When and how long the replay retries the publish of a chunk. Publishing is idempotent (the instrument grain
/// acknowledges bars its history already holds and does not store them again), so any number of attempts publishes a
/// chunk once. A storage failure (<see cref="StorageUnavailable"/>: PostgreSQL stopped or unreachable) is waited out
/// without a time limit, pausing 0.5 s and doubling to 10 s between attempts; a transient cluster failure
/// (<see cref="ClusterRetry.IsTransient"/>) or a state write conflict (<see cref="InconsistentStateException"/>, after
/// which Orleans reloads the grain's stored state) is retried with 0.2 s doubling to 2 s for up to
/// <see cref="ClusterRetryLimit"/> without a storage failure in between; anything else fails the replay at once.
/// </summary>
public static class ReplayRetryPolicy
{
    /// <summary>The first pause after a storage failure.</summary>
    public static readonly TimeSpan StorageFirstPause = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause between attempts while the storage is down.</summary>
    public static readonly TimeSpan StorageMaxPause = TimeSpan.FromSeconds(10);

    /// <summary>The first pause after a transient cluster failure.</summary>
    public static readonly TimeSpan ClusterFirstPause = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between attempts after transient cluster failures.</summary>
    public static readonly TimeSpan ClusterMaxPause = TimeSpan.FromSeconds(2);

    /// <summary>How long transient cluster failures and state conflicts (with no storage failure among them) are retried
    /// before the replay fails.</summary>
    public static readonly TimeSpan ClusterRetryLimit = TimeSpan.FromMinutes(2);

    /// <summary>Longest <see cref="Describe"/> text, in characters.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>
    /// Whether a failed publish is retried, and why: <see cref="ReplayRetryReason.Storage"/> when
    /// <see cref="StorageUnavailable.Is"/> recognises it (checked first: a storage failure can also carry a timeout),
    /// <see cref="ReplayRetryReason.Cluster"/> for <see cref="ClusterRetry.IsTransient"/>,
    /// <see cref="ReplayRetryReason.Conflict"/> when it is or wraps an <see cref="InconsistentStateException"/>, null (not
    /// retried) otherwise.
    /// </summary>
    public static ReplayRetryReason? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (StorageUnavailable.Is(exception))
        {
            return ReplayRetryReason.Storage;
        }

        if (ClusterRetry.IsTransient(exception))
        {
            return ReplayRetryReason.Cluster;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException)
            {
                return ReplayRetryReason.Conflict;
            }
        }

        return null;
    }

    /// <summary>
    /// The pause before attempt <paramref name="failedAttempts"/> + 1 after <paramref name="failedAttempts"/> failures
    /// (the last of them for <paramref name="reason"/>): the reason's first pause doubled per earlier failure, capped at
    /// its maximum (storage: 0.5, 1, 2, 4, 8, 10, 10, … s; cluster and conflict: 0.2, 0.4, 0.8, 1.6, 2, … s).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failedAttempts"/> is less than 1, or the reason is undefined.</exception>
    public static TimeSpan Backoff(ReplayRetryReason reason, int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var (first, max) = reason switch
        {
            ReplayRetryReason.Storage => (StorageFirstPause, StorageMaxPause),
            ReplayRetryReason.Cluster or ReplayRetryReason.Conflict => (ClusterFirstPause, ClusterMaxPause),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown retry reason."),
        };
        int doublings = Math.Min(failedAttempts - 1, 30);
        return TimeSpan.FromTicks(Math.Min(first.Ticks << doublings, max.Ticks));
    }

    /// <summary>
    /// Whether the replay stops retrying: never for <see cref="ReplayRetryReason.Storage"/>; for the other reasons once
    /// their failures have lasted <see cref="ClusterRetryLimit"/> (<paramref name="limitedFailuresFor"/>: time since the
    /// first of the cluster failures and conflicts that followed the last success or storage failure).
    /// </summary>
    public static bool GivesUp(ReplayRetryReason reason, TimeSpan limitedFailuresFor)
        => reason != ReplayRetryReason.Storage && limitedFailuresFor >= ClusterRetryLimit;

    /// <summary>
    /// A one-line description of a failure for <see cref="ReplayRetry.Error"/>: the first line of its message (Orleans'
    /// storage errors append the whole inner exception on further lines) and, when different, the innermost exception's
    /// message (e.g. the driver's "Failed to connect to 127.0.0.1:5432"); at most <see cref="MaxDescriptionLength"/> characters.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        static string FirstLine(string text)
        {
            int end = text.IndexOfAny(['\r', '\n']);
            return (end < 0 ? text : text[..end]).Trim();
        }

        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        var text = FirstLine(exception.Message);
        var root = FirstLine(innermost.Message);
        if (!ReferenceEquals(innermost, exception) && root.Length > 0 && !text.Contains(root, StringComparison.Ordinal))
        {
            text = $"{text} ({innermost.GetType().Name}: {root})";
        }

        return text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";
    }
}
