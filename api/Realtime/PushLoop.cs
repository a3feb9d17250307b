namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// The flush loop of a notifier (<see cref="DashboardNotifier"/>, <see cref="ExperimentNotifier"/>): calls a flush once
/// per period on a <see cref="PeriodicTimer"/> until cancelled, and tracks the pushes a flush starts by SignalR group,
/// so that a group's next push starts only after its previous one was sent and a slow group (a slow client in it) holds
/// up neither the loop nor the other groups for more than one period.
/// </summary>
/// <remarks>
/// A flush that throws is logged (error) and the loop goes on, also while stopping (a grain call or a push failing as
/// the host goes down): the loop then ends at its next wait, so the failure does not fail the host's shutdown.
/// <see cref="Busy"/>, <see cref="StartAsync"/> and <see cref="WhenSentAsync"/> are for the loop's own thread (the
/// flush, and the notifier's stop after the loop has ended); they are not thread-safe. <see cref="DashboardNotifier"/>
/// uses only <see cref="RunAsync"/> so far: its <c>FlushAsync</c> still tracks its pushes by group itself, the same way.
/// </remarks>
/// <param name="period">Time between two flushes (positive).</param>
/// <param name="time">The clock of the timer.</param>
/// <param name="logger">The notifier's logger (the messages carry its category).</param>
internal sealed partial class PushLoop(TimeSpan period, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Time between two flushes.</summary>
    public TimeSpan Period => period;

    /// <summary>Runs <paramref name="flush"/> once per <see cref="Period"/> until <paramref name="cancellationToken"/>
    /// is cancelled; completes (without throwing) when it is.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> flush, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flush);
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await flush(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogErrorFlushFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogDebugStopped(logger);
        }
    }

    /// <summary>The groups whose previous push is still being sent (skip them: their changes keep coalescing); null
    /// when none. Forgets the pushes that have finished.</summary>
    public HashSet<string>? Busy()
    {
        HashSet<string>? busy = null;
        foreach (var (group, task) in _inFlight.ToList())
        {
            if (task.IsCompleted)
            {
                _inFlight.Remove(group);
            }
            else
            {
                (busy ??= new HashSet<string>(StringComparer.Ordinal)).Add(group);
            }
        }

        return busy;
    }

    /// <summary>
    /// Starts one push per group (at most one per group: a group named twice keeps the last) and waits at most one
    /// <see cref="Period"/> for them; those still sending then make their groups <see cref="Busy"/>.
    /// </summary>
    /// <param name="pushes">Each group's send; a send handles and logs its own failures.</param>
    /// <param name="cancellationToken">Cancels the wait (not the sends).</param>
    public async Task StartAsync(IReadOnlyList<(string Group, Func<Task> Send)> pushes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        if (pushes.Count == 0)
        {
            return;
        }

        var started = new Task[pushes.Count];
        for (int i = 0; i < pushes.Count; i++)
        {
            started[i] = _inFlight[pushes[i].Group] = pushes[i].Send();
        }

        try
        {
            await Task.WhenAll(started).WaitAsync(period, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogDebugSlowPush(logger, started.Count(t => !t.IsCompleted), period.TotalMilliseconds);
        }
    }

    /// <summary>Completes when every push started so far has finished (for a notifier's stop, after the loop ended).</summary>
    public Task WhenSentAsync(CancellationToken cancellationToken) => Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "A flush of the push loop failed; the loop goes on")]
    private static partial void LogErrorFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push loop stopped")]
    private static partial void LogDebugStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Groups} group push(es) still sending after {PeriodMs} ms; those groups skip flushes until done")]
    private static partial void LogDebugSlowPush(ILogger logger, int groups, double periodMs);
}
