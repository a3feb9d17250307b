using TradingRobotPlug.Api.Replay;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// Follows a <see cref="MarketReplayService"/>'s <see cref="MarketReplayService.StatusChanged"/> events: keeps every
/// status raised, and completes waits on a condition as soon as a raised (or the current) status meets it. Optionally
/// runs an action on the replay's own thread when a status first meets a trigger condition, before the replay goes on
/// (so that, e.g., the storage fails exactly before the next chunk).
/// </summary>
public sealed class ReplayWatcher : IDisposable
{
    private readonly MarketReplayService _replay;
    private readonly Lock _lock = new();
    private readonly List<ReplayStatus> _seen = [];
    private readonly List<(Func<ReplayStatus, bool> Condition, TaskCompletionSource<ReplayStatus> Done)> _waits = [];
    private readonly List<(Func<ReplayStatus, bool> Condition, Action<ReplayStatus> Action)> _triggers = [];

    /// <summary>Starts following <paramref name="replay"/>.</summary>
    public ReplayWatcher(MarketReplayService replay)
    {
        _replay = replay;
        replay.StatusChanged += OnStatus;
    }

    /// <summary>Every status raised since this watcher was made, in order.</summary>
    public IReadOnlyList<ReplayStatus> Seen
    {
        get
        {
            lock (_lock)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> once, on the replay's thread, for the first raised status meeting <paramref name="condition"/>.</summary>
    public void When(Func<ReplayStatus, bool> condition, Action<ReplayStatus> action)
    {
        lock (_lock)
        {
            _triggers.Add((condition, action));
        }
    }

    /// <summary>The first status (the current one, or one raised later) meeting <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">None did within <paramref name="timeout"/>; the message lists the last statuses seen.</exception>
    public async Task<ReplayStatus> WaitFor(string what, Func<ReplayStatus, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<ReplayStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waits.Add((condition, done));
        }

        var current = _replay.Status;
        if (condition(current))
        {
            done.TrySetResult(current);
        }

        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No replay status {what} within {timeout.TotalSeconds:0} s; last seen:{Environment.NewLine}{string.Join(Environment.NewLine, Seen.TakeLast(5))}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _replay.StatusChanged -= OnStatus;

    private void OnStatus(ReplayStatus status)
    {
        List<Action<ReplayStatus>> actions = [];
        lock (_lock)
        {
            _seen.Add(status);
            for (int i = _triggers.Count - 1; i >= 0; i--)
            {
                if (_triggers[i].Condition(status))
                {
                    actions.Add(_triggers[i].Action);
                    _triggers.RemoveAt(i);
                }
            }

            foreach (var (condition, done) in _waits)
            {
                if (condition(status))
                {
                    done.TrySetResult(status);
                }
            }
        }

        foreach (var action in actions)
        {
            action(status);
        }
    }
}
