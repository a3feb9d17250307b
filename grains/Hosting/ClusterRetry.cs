using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Hosting;

/// <summary>
/// Retries of grain calls that are safe to repeat (idempotent, e.g. <c>PublishBars</c>, <c>PublishTicks</c> with a
/// sequence, <c>IInstrumentDirectoryGrain.Register</c>) after a transient cluster failure: the call timed out (it may
/// or may not have run), the silo holding the grain died, or the message was rejected.
/// </summary>
public static class ClusterRetry
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether <paramref name="exception"/> (or an inner exception) is a transient cluster failure:
    /// <see cref="TimeoutException"/>, <see cref="SiloUnavailableException"/> or <see cref="OrleansMessageRejectionException"/>.
    /// </summary>
    public static bool IsTransient(Exception exception)
        => exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException
            || (exception.InnerException is { } inner && IsTransient(inner));

    /// <summary>
    /// Runs <paramref name="call"/> up to <paramref name="attempts"/> times while it fails transiently (see
    /// <see cref="IsTransient"/>), pausing 0.2 s, doubling to 2 s, between attempts. Any other exception, or the last
    /// attempt's, goes to the caller.
    /// </summary>
    /// <param name="call">An idempotent grain call.</param>
    /// <param name="attempts">Attempts in all, ≥ 1.</param>
    /// <param name="cancellationToken">Cancels the pauses.</param>
    /// <param name="onRetry">Called with the attempt number and its exception before each pause (e.g. to log it).</param>
    public static async Task RunAsync(Func<Task> call, int attempts, CancellationToken cancellationToken, Action<int, Exception>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var pause = FirstPause;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await call().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < attempts && IsTransient(ex))
            {
                onRetry?.Invoke(attempt, ex);
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }
}
