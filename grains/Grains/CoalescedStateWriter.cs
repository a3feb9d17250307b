namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Coalesces the state writes of a <c>[Reentrant]</c> grain (the Chirper sample's pattern): at most one write is
/// outstanding; changes made while it runs join the next write, which starts when it ends and carries every change made
/// until then. A caller's task completes when a write that started after its change succeeded, so nothing acknowledged
/// is lost, and N concurrent changes cost a few writes instead of N.
/// <para>
/// Single-threaded: use it only from the grain's turns (its continuations run on the activation's scheduler). The write
/// delegate runs synchronously at the start of each write, in a turn, so it can take a snapshot of the state.
/// </para>
/// </summary>
/// <param name="write">Writes the grain's whole current state (e.g. a snapshot to <c>IPersistentState.WriteStateAsync</c>).</param>
internal sealed class CoalescedStateWriter(Func<Task> write)
{
    private TaskCompletionSource? _queued;
    private Task _latest = Task.CompletedTask;
    private bool _writing;
    private bool _unsaved;

    /// <summary>Writes that succeeded (for tests and diagnostics).</summary>
    public long Writes { get; private set; }

    /// <summary>
    /// Requests a write that includes every change made so far: joins the write not yet started, or starts one when
    /// none is outstanding. Completes when that write is durable; faults with its exception when it fails (the changes
    /// stay in memory and go with the next write).
    /// </summary>
    public Task WriteAsync()
    {
        var next = _queued;
        if (next is null)
        {
            next = _queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _latest = next.Task;
        }

        if (!_writing)
        {
            _ = PumpAsync();
        }

        return next.Task;
    }

    /// <summary>
    /// Completes when every change requested so far is durable, for a call that changed nothing (e.g. registering an id
    /// already held, which may still be waiting for its write): the newest outstanding write, a new write when the last
    /// one failed, or at once.
    /// </summary>
    public Task WhenDurableAsync()
    {
        if (_writing)
        {
            return _latest;
        }

        return _unsaved ? WriteAsync() : Task.CompletedTask;
    }

    /// <summary>Runs the queued writes one after the other until none is queued. Never throws: each write's outcome goes to its callers.</summary>
    private async Task PumpAsync()
    {
        _writing = true;
        try
        {
            while (_queued is { } batch)
            {
                _queued = null;
                try
                {
                    await write();
                }
                catch (Exception ex)
                {
                    // Reported to every caller that joined this write; the state in memory is written again by the next one.
                    _unsaved = true;
                    batch.SetException(ex);
                    continue;
                }

                _unsaved = false;
                Writes++;
                batch.SetResult();
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
