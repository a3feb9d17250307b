using System.Collections.Concurrent;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>
/// A silo singleton through which the hot-path test grains report to tests and wait for them: gates a test opens,
/// concurrency high-water marks, and items received, all by grain key.
/// </summary>
public sealed class HpProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<object>> _received = new();
    private readonly ConcurrentDictionary<string, (int Count, TaskCompletionSource Done)> _expectations = new();

    /// <summary>The gate named <paramref name="name"/> (created closed on first use).</summary>
    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Opens the gate named <paramref name="name"/>.</summary>
    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Whether a gate named <paramref name="name"/> exists (was waited on or opened).</summary>
    public bool HasGate(string name) => _gates.ContainsKey(name);

    /// <summary>Records an item received under <paramref name="key"/>.</summary>
    public void Receive(string key, object item)
    {
        var queue = _received.GetOrAdd(key, _ => new ConcurrentQueue<object>());
        queue.Enqueue(item);
        if (_expectations.TryGetValue(key, out var expectation) && queue.Count >= expectation.Count)
        {
            expectation.Done.TrySetResult();
        }
    }

    /// <summary>The items received under <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<object> Received(string key) => _received.TryGetValue(key, out var q) ? [.. q] : [];

    /// <summary>Completes once <paramref name="count"/> items were received under <paramref name="key"/>.</summary>
    public Task WhenReceived(string key, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _expectations[key] = (count, done);
        if (Received(key).Count >= count)
        {
            done.TrySetResult();
        }

        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
