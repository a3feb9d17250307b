using System.Diagnostics;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Backpressure for Orleans memory streams, which have none of their own: a memory-stream queue refuses an event once
/// it holds its maximum (16,384 events, "Can not enqueue since the count has reached its maximum"). A producer then
/// waits (5 ms, doubling to 500 ms) and tries again, so a fast producer slows to its consumers' pace instead of
/// dropping the event; after <see cref="Limit"/> of refusals the exception is rethrown to the caller.
/// </summary>
internal static class StreamBackpressure
{
    /// <summary>How long a producer keeps retrying a refused event before the refusal becomes its caller's error.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private const string QueueFull = "reached its maximum";

    /// <summary>Puts <paramref name="item"/> on <paramref name="stream"/>, waiting while its queue is full.</summary>
    public static async Task PublishAsync<T>(IAsyncStream<T> stream, T item)
    {
        long started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                await stream.OnNextAsync(item);
                return;
            }
            catch (Exception ex) when (IsQueueFull(ex) && Stopwatch.GetElapsedTime(started) < Limit)
            {
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
            }
        }
    }

    private static bool IsQueueFull(Exception ex)
        => (ex is InvalidOperationException && ex.Message.Contains(QueueFull, StringComparison.Ordinal))
            || (ex.InnerException is { } inner && IsQueueFull(inner));
}
