namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>
/// A singleton shared by test grains (injected by constructor) and test code. Grains <see cref="Signal"/> named
/// events and wait on named <see cref="Gate"/>s; tests await the events and open the gates. Nothing sleeps or polls:
/// every wait is a <see cref="TaskCompletionSource"/> completed by the code that makes the awaited thing true.
/// </summary>
public sealed class TestProbe
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProbeChannel> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private bool _allReleased;

    /// <summary>Records one occurrence of <paramref name="name"/> (with an optional value); returns how many there have been.</summary>
    public int Signal(string name, object? value = null)
    {
        List<TaskCompletionSource> ready = [];
        int count;
        lock (_lock)
        {
            var channel = GetChannel(name);
            channel.Values.Add(value);
            count = channel.Values.Count;
            channel.Waiters.RemoveAll(w =>
            {
                if (w.Count > count)
                {
                    return false;
                }

                ready.Add(w.Waiter);
                return true;
            });
        }

        foreach (var waiter in ready)
        {
            waiter.TrySetResult();
        }

        return count;
    }

    /// <summary>Completes (guarded by <see cref="TaskGuards.Patience"/>) once <paramref name="name"/> has been signalled at least <paramref name="count"/> times.</summary>
    public Task WhenCount(string name, int count = 1)
    {
        Task pending;
        lock (_lock)
        {
            var channel = GetChannel(name);
            if (channel.Values.Count >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.Waiters.Add((count, waiter));
            pending = waiter.Task;
        }

        return pending.Within($"'{name}' to be signalled {count} time(s) (so far {Count(name)})");
    }

    /// <summary>How many times <paramref name="name"/> has been signalled.</summary>
    public int Count(string name)
    {
        lock (_lock)
        {
            return _channels.TryGetValue(name, out var channel) ? channel.Values.Count : 0;
        }
    }

    /// <summary>The values signalled for <paramref name="name"/>, in order.</summary>
    public IReadOnlyList<T> Values<T>(string name)
    {
        lock (_lock)
        {
            return _channels.TryGetValue(name, out var channel) ? channel.Values.Cast<T>().ToList() : [];
        }
    }

    /// <summary>The last value signalled for <paramref name="name"/>.</summary>
    public T Last<T>(string name)
    {
        lock (_lock)
        {
            return (T)_channels[name].Values[^1]!;
        }
    }

    /// <summary>A task that completes when the test calls <see cref="Release"/> for <paramref name="name"/> (grains await it).</summary>
    public Task Gate(string name)
    {
        lock (_lock)
        {
            return _allReleased ? Task.CompletedTask : GetGate(name).Task;
        }
    }

    /// <summary>Opens the gate <paramref name="name"/>.</summary>
    public void Release(string name)
    {
        TaskCompletionSource gate;
        lock (_lock)
        {
            gate = GetGate(name);
        }

        gate.TrySetResult();
    }

    /// <summary>Opens every gate, now and later (so a cluster can always shut down).</summary>
    public void ReleaseAll()
    {
        List<TaskCompletionSource> gates;
        lock (_lock)
        {
            _allReleased = true;
            gates = [.. _gates.Values];
        }

        foreach (var gate in gates)
        {
            gate.TrySetResult();
        }
    }

    private ProbeChannel GetChannel(string name)
    {
        if (!_channels.TryGetValue(name, out var channel))
        {
            channel = new ProbeChannel();
            _channels.Add(name, channel);
        }

        return channel;
    }

    private TaskCompletionSource GetGate(string name)
    {
        if (!_gates.TryGetValue(name, out var gate))
        {
            gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gates.Add(name, gate);
        }

        return gate;
    }
}
