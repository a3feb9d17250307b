using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// Recognises a failure of the durable storage (PostgreSQL down or unreachable) behind a grain call, so that the API
/// answers 503 with <c>Retry-After</c> instead of 500: Orleans reports it as an <see cref="OrleansException"/> "Error from
/// storage provider …" around the driver's <see cref="NpgsqlException"/>, or the driver's exception itself arrives.
/// </summary>
public static class StorageUnavailable
{
    /// <summary>Seconds a client should wait before retrying, sent as <c>Retry-After</c>.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a storage failure.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException
                || (e is OrleansException && e.Message.StartsWith("Error from storage provider", StringComparison.Ordinal))
                || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/> or one of its inner exceptions is Orleans' <see cref="InconsistentStateException"/>:
    /// a state write met another version than the one the activation read (typically a write stored during a storage
    /// outage whose answer was lost). Orleans deactivates the grain, so the same request succeeds when retried; the API
    /// answers it as <see cref="Is"/> (503 with <c>Retry-After</c>), not as a server fault.
    /// </summary>
    public static bool IsStateConflict(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InconsistentStateException || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStateConflict)))
            {
                return true;
            }
        }

        return false;
    }
}
