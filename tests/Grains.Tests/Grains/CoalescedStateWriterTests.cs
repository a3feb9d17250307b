using TradingRobotPlug.Grains.Grains;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// The write coalescing of the directory grains, driven by hand: each write is a task the test completes, so which
/// changes join which write is exact (no timing). Every test body runs on an exclusive scheduler, one turn at a time,
/// as a grain's turns do.
/// </summary>
public sealed class CoalescedStateWriterTests
{
    private readonly List<TaskCompletionSource> _writes = [];
    private readonly CoalescedStateWriter _writer;

    public CoalescedStateWriterTests()
        => _writer = new CoalescedStateWriter(() =>
        {
            var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _writes.Add(write);
            return write.Task;
        });

    [Fact]
    public Task Changes_made_during_a_write_join_one_next_write_and_complete_only_when_it_is_durable() => LikeAGrainAsync(async () =>
    {
        var first = _writer.WriteAsync();
        var second = _writer.WriteAsync();
        var third = _writer.WriteAsync();
        var unchanged = _writer.WhenDurableAsync(); // e.g. registering an id already held but not yet written
        Assert.Single(_writes);
        Assert.Same(second, third);
        Assert.Same(second, unchanged);

        _writes[0].SetResult();
        await first; // the writer started the next write in the same turn that completed this one
        Assert.Equal(2, _writes.Count);
        Assert.False(second.IsCompleted);

        _writes[1].SetResult();
        await second;
        Assert.Equal(2, _writes.Count);
        Assert.Equal(2, _writer.Writes);
        Assert.True(_writer.WhenDurableAsync().IsCompletedSuccessfully);
    });

    [Fact]
    public Task A_failed_write_fails_its_callers_and_the_next_call_writes_again_even_without_a_change() => LikeAGrainAsync(async () =>
    {
        var first = _writer.WriteAsync();
        _writes[0].SetException(new TimeoutException("storage timed out"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);

        // A retry of the same registration changes nothing in memory, but the change is not durable: it writes.
        var retry = _writer.WhenDurableAsync();
        Assert.Equal(2, _writes.Count);
        _writes[1].SetResult();
        await retry;
        Assert.Equal(1, _writer.Writes);
        Assert.True(_writer.WhenDurableAsync().IsCompletedSuccessfully);
    });

    [Fact]
    public Task A_failed_write_does_not_fail_the_write_queued_behind_it() => LikeAGrainAsync(async () =>
    {
        var first = _writer.WriteAsync();
        var second = _writer.WriteAsync();
        _writes[0].SetException(new InvalidOperationException("lost"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(2, _writes.Count);
        _writes[1].SetResult();
        await second;
        Assert.Equal(1, _writer.Writes);
    });

    /// <summary>Runs <paramref name="body"/> and its continuations one at a time on one exclusive scheduler, like a grain's turns.</summary>
    private static Task LikeAGrainAsync(Func<Task> body)
        => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
