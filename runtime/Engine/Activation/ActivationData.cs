using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Messaging;
using TradingRobotPlug.Runtime.Timers;

namespace TradingRobotPlug.Runtime.Activation;

/// <summary>
/// One activation of a grain: its instance, its message queue, and its scheduler. Work items (new messages and
/// continuations of running ones) run one at a time on the thread pool; a message starts only when the turn-based
/// rules allow (non-reentrant: nothing else running; [ReadOnly] with read-only; [AlwaysInterleave] or [Reentrant]
/// anytime). Messages start in arrival order, except that an [AlwaysInterleave] message (or interleaving timer tick)
/// never waits behind one that cannot start yet. Lifecycle: Created → Activating → Valid → Deactivating → Invalid.
/// </summary>
internal sealed class ActivationData : IGrainContext, IThreadPoolWorkItem
{
    private enum Phase
    {
        Created,
        Activating,
        Valid,
        Deactivating,
        Invalid,
    }

    private enum WorkKind
    {
        None,
        Continuation,
        Activate,
        Deactivate,
        Message,
        Forward,
    }

    // The inbox is also the activation's lock: it guards the inbox, the continuations, the phase, the running
    // messages, the scheduled flag and the timers. (A separate lock object cost 24 bytes per activation.)
    // A linked list, not a queue: an [AlwaysInterleave] message may be taken from the middle (see TryTakeStartable).
    private readonly LinkedList<Message> _inbox = new();

    // What an idle activation does not need is allocated on first use: continuations (only grains that await),
    // running messages beyond the first (only interleaving grains), lifecycle states (only persistent state), and
    // the deactivation signal (only when someone waits for it).
    private Queue<(SendOrPostCallback Callback, object? State)>? _continuations;
    private Message? _runningFirst;
    private List<Message>? _runningMore;
    private int _runningCount;
    private readonly GrainRuntimeClient _runtime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ActivationSynchronizationContext _syncContext;
    private readonly int _turnBudget;
    private List<ILifecycleState>? _states;
    private TaskCompletionSource? _deactivated;
    private int _isDeactivated;
    private List<GrainTimer>? _timers;
    private Dictionary<Guid, object>? _streamObservers;
    private Phase _phase;
    private bool _scheduled;
    private int _runningReadOnly;
    private int _queuedInterleaving;
    private DeactivationReason? _pendingDeactivation;
    private long _lastActiveTimestamp;
    private long _keepAliveUntilTimestamp;
    private int _keyKind = -1;

    public ActivationData(GrainId grainId, GrainClassInfo cls, GrainRuntimeClient runtime, IServiceProvider services, ILoggerFactory loggerFactory, int turnBudget)
    {
        GrainId = grainId;
        Class = cls;
        _runtime = runtime;
        ActivationServices = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("TradingRobotPlug.Runtime.Activation");
        _syncContext = new ActivationSynchronizationContext(this);
        _turnBudget = turnBudget;
        _lastActiveTimestamp = runtime.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo Class { get; }

    /// <summary>Worked out from the grain class on first use (only key accessors need it), not on every activation.</summary>
    public GrainKeyKind KeyKind
    {
        get
        {
            // An int (not a nullable enum) so that a read racing the first write can never see half of it.
            int kind = Volatile.Read(ref _keyKind);
            if (kind < 0)
            {
                kind = (int)InferKeyKind();
                Volatile.Write(ref _keyKind, kind);
            }

            return (GrainKeyKind)kind;
        }
    }

    public IServiceProvider ActivationServices { get; }

    public IGrainFactory GrainFactory => _runtime;

    public object? GrainInstance { get; private set; }

    internal GrainRuntimeClient Runtime => _runtime;

    /// <summary>True once the activation can take no more messages.</summary>
    public bool IsDefunct => _phase == Phase.Invalid;

    public int QueueLength
    {
        get
        {
            lock (_inbox)
            {
                return _inbox.Count;
            }
        }
    }

    /// <summary>Completes when the activation has been deactivated.</summary>
    public Task Deactivated
    {
        get
        {
            var signal = Volatile.Read(ref _deactivated);
            if (signal is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = Interlocked.CompareExchange(ref _deactivated, created, null) ?? created;
            }

            // The exchange above is a full fence, as is the one in SignalDeactivated: whichever runs second sees
            // the other's write, so the signal is completed either here or there.
            if (Volatile.Read(ref _isDeactivated) != 0)
            {
                signal.TrySetResult();
            }

            return signal.Task;
        }
    }

    public bool IsValid
    {
        get
        {
            lock (_inbox)
            {
                return _phase == Phase.Valid;
            }
        }
    }

    internal void AddLifecycleState(ILifecycleState state) => (_states ??= []).Add(state);

    internal Dictionary<Guid, object> StreamObservers => _streamObservers ??= [];

    /// <summary>Queues a message; false when the activation is gone (the caller must route again).</summary>
    public bool Enqueue(Message message)
    {
        lock (_inbox)
        {
            if (_phase == Phase.Invalid)
            {
                return false;
            }

            _inbox.AddLast(message);
            if (IsInterleaving(message))
            {
                _queuedInterleaving++;
            }

            if (_scheduled)
            {
                return true;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    /// <summary>Queues a continuation of code already running in this activation.</summary>
    public void Post(SendOrPostCallback callback, object? state)
    {
        lock (_inbox)
        {
            (_continuations ??= new()).Enqueue((callback, state));
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    public void Execute()
    {
        var previousSync = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        var previousContext = RuntimeContext.Exchange(this);
        try
        {
            for (int budget = _turnBudget; budget > 0; budget--)
            {
                WorkKind kind;
                Message? message = null;
                (SendOrPostCallback Callback, object? State) continuation = (static _ => { }, null);
                List<Message>? forward = null;
                lock (_inbox)
                {
                    if (_continuations is { Count: > 0 })
                    {
                        continuation = _continuations.Dequeue();
                        kind = WorkKind.Continuation;
                    }
                    else if (_phase == Phase.Created)
                    {
                        _phase = Phase.Activating;
                        kind = WorkKind.Activate;
                    }
                    else if (_phase == Phase.Valid && _pendingDeactivation is not null && _runningCount == 0)
                    {
                        _phase = Phase.Deactivating;
                        kind = WorkKind.Deactivate;
                    }
                    else if (_phase == Phase.Valid && _pendingDeactivation is null && TryTakeStartable(out message))
                    {
                        AddRunning(message);
                        if ((message.Options & InvokeMethodOptions.ReadOnly) != 0)
                        {
                            _runningReadOnly++;
                        }

                        kind = WorkKind.Message;
                    }
                    else if (_phase == Phase.Invalid && _inbox.Count > 0)
                    {
                        forward = TakeAllQueued();
                        kind = WorkKind.Forward;
                    }
                    else
                    {
                        _scheduled = false;
                        return;
                    }
                }

                switch (kind)
                {
                    case WorkKind.Continuation:
                        continuation.Callback(continuation.State);
                        break;
                    case WorkKind.Activate:
                        _ = ActivateAsync();
                        break;
                    case WorkKind.Deactivate:
                        _ = DeactivateAsync(_pendingDeactivation!.Value);
                        break;
                    case WorkKind.Message:
                        message!.Run(this);
                        break;
                    case WorkKind.Forward:
                        foreach (var m in forward!)
                        {
                            if (m.ForwardOnDeactivation)
                            {
                                _runtime.Dispatch(m, null);
                            }
                        }

                        break;
                }
            }

            // Budget used up: yield the thread to other activations and continue later.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            RuntimeContext.Exchange(previousContext);
            SynchronizationContext.SetSynchronizationContext(previousSync);
        }
    }

    /// <summary>
    /// Takes the next message that may start now (under the lock): the oldest one if the turn-based rules allow it,
    /// otherwise the oldest queued [AlwaysInterleave] one, which may always start and so must not wait behind a
    /// message that cannot. Messages that timed out while queued are dropped: their callers have given up.
    /// </summary>
    private bool TryTakeStartable([NotNullWhen(true)] out Message? message)
    {
        while (_inbox.First is { } head)
        {
            if (head.Value.IsCompleted)
            {
                RemoveQueued(head);
                continue;
            }

            if (CanStart(head.Value))
            {
                RemoveQueued(head);
                message = head.Value;
                return true;
            }

            break;
        }

        for (var node = _inbox.First; node is not null && _queuedInterleaving > 0;)
        {
            var next = node.Next;
            if (IsInterleaving(node.Value))
            {
                RemoveQueued(node);
                if (!node.Value.IsCompleted)
                {
                    message = node.Value;
                    return true;
                }
            }

            node = next;
        }

        message = null;
        return false;
    }

    private static bool IsInterleaving(Message message) => (message.Options & InvokeMethodOptions.AlwaysInterleave) != 0;

    private void RemoveQueued(LinkedListNode<Message> node)
    {
        _inbox.Remove(node);
        if (IsInterleaving(node.Value))
        {
            _queuedInterleaving--;
        }
    }

    private List<Message> TakeAllQueued()
    {
        List<Message> all = [.. _inbox];
        _inbox.Clear();
        _queuedInterleaving = 0;
        return all;
    }

    private bool CanStart(Message next)
    {
        if (_runningCount == 0 || Class.Reentrant)
        {
            return true;
        }

        var options = next.Options;
        if ((options & InvokeMethodOptions.AlwaysInterleave) != 0)
        {
            return true;
        }

        return (options & InvokeMethodOptions.ReadOnly) != 0 && _runningReadOnly == _runningCount;
    }

    // Running messages: the first in a field, more (interleaving grains only) in a list. Callers hold the lock.
    private void AddRunning(Message message)
    {
        if (_runningFirst is null)
        {
            _runningFirst = message;
        }
        else
        {
            (_runningMore ??= []).Add(message);
        }

        _runningCount++;
    }

    private bool RemoveRunning(Message message)
    {
        if (ReferenceEquals(_runningFirst, message))
        {
            _runningFirst = null;
        }
        else if (_runningMore is null || !_runningMore.Remove(message))
        {
            return false;
        }

        _runningCount--;
        return true;
    }

    /// <summary>Called (inside a turn) when a message's work has finished.</summary>
    public void OnMessageCompleted(Message message)
    {
        lock (_inbox)
        {
            if (RemoveRunning(message) && (message.Options & InvokeMethodOptions.ReadOnly) != 0)
            {
                _runningReadOnly--;
            }
        }

        if (message.CountsAsActivity)
        {
            _lastActiveTimestamp = _runtime.Time.GetTimestamp();
        }

        _runtime.Instruments.MessagesProcessed.Add(1);
    }

    private async Task ActivateAsync()
    {
        try
        {
            GrainInstance = Class.Factory(this);
            if (_states is not null)
            {
                foreach (var state in _states)
                {
                    await state.ReadOnActivateAsync();
                }
            }

            if (GrainInstance is Grain grain)
            {
                await grain.OnActivateAsync(CancellationToken.None);
            }

            lock (_inbox)
            {
                _phase = Phase.Valid;
            }

            _lastActiveTimestamp = _runtime.Time.GetTimestamp();
            var tag = new KeyValuePair<string, object?>("grain.type", Class.GrainType);
            _runtime.Instruments.Activations.Add(1, tag);
            _runtime.Instruments.ActivationsCreated.Add(1, tag);
            RuntimeLog.LogDebugActivated(_logger, GrainId);
        }
        catch (Exception ex)
        {
            RuntimeLog.LogWarningActivationFailed(_logger, GrainId, ex);
            List<Message> failed;
            lock (_inbox)
            {
                _phase = Phase.Invalid;
                failed = TakeAllQueued();
            }

            _runtime.Directory.Remove(this);
            DisposeTimers();
            foreach (var m in failed)
            {
                m.Fail(ex);
            }

            SignalDeactivated();
        }
    }

    private GrainKeyKind InferKeyKind()
    {
        foreach (var i in Class.ClassType.GetInterfaces())
        {
            if (i == typeof(IGrainWithGuidKey))
            {
                return GrainKeyKind.Guid;
            }

            if (i == typeof(IGrainWithIntegerKey))
            {
                return GrainKeyKind.Integer;
            }
        }

        return GrainKeyKind.String;
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            if (GrainInstance is Grain grain)
            {
                await grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            RuntimeLog.LogErrorDeactivationFailed(_logger, GrainId, ex);
        }

        List<Message> pending;
        lock (_inbox)
        {
            _phase = Phase.Invalid;
            pending = TakeAllQueued();
        }

        _runtime.Directory.Remove(this);
        _runtime.Instruments.Activations.Add(-1, new KeyValuePair<string, object?>("grain.type", Class.GrainType));
        RuntimeLog.LogDebugDeactivated(_logger, GrainId, reason.ToString());

        // Messages that arrived while deactivating go to a fresh activation.
        foreach (var m in pending)
        {
            if (m.ForwardOnDeactivation)
            {
                _runtime.Dispatch(m, null);
            }
        }

        SignalDeactivated();
    }

    private void SignalDeactivated()
    {
        Interlocked.Exchange(ref _isDeactivated, 1);
        Volatile.Read(ref _deactivated)?.TrySetResult();
    }

    /// <summary>Requests deactivation once no message is running. Safe from any thread.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (_inbox)
        {
            if (_phase is Phase.Deactivating or Phase.Invalid || _pendingDeactivation is not null)
            {
                return;
            }

            _pendingDeactivation = reason;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Deactivates if idle for at least <paramref name="idleTicks"/>; true if deactivation was requested.</summary>
    public bool TryCollect(long nowTimestamp, long idleTicks)
    {
        lock (_inbox)
        {
            if (_phase != Phase.Valid || _runningCount > 0 || _inbox.Count > 0 || _pendingDeactivation is not null
                || nowTimestamp - _lastActiveTimestamp < idleTicks || nowTimestamp < _keepAliveUntilTimestamp)
            {
                return false;
            }
        }

        Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, "Idle longer than the collection age."));
        return true;
    }

    /// <summary>Collects messages whose deadline has passed (queued or running).</summary>
    public void CollectExpired(long nowTimestamp, List<Message> expired)
    {
        lock (_inbox)
        {
            foreach (var m in _inbox)
            {
                if (m.DeadlineTimestamp <= nowTimestamp && !m.IsCompleted)
                {
                    expired.Add(m);
                }
            }

            if (_runningFirst is { } first && first.DeadlineTimestamp <= nowTimestamp && !first.IsCompleted)
            {
                expired.Add(first);
            }

            if (_runningMore is not null)
            {
                foreach (var m in _runningMore)
                {
                    if (m.DeadlineTimestamp <= nowTimestamp && !m.IsCompleted)
                    {
                        expired.Add(m);
                    }
                }
            }
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = _runtime.Time.GetTimestamp() + (long)(timeSpan.TotalSeconds * _runtime.Time.TimestampFrequency);
        lock (_inbox)
        {
            _keepAliveUntilTimestamp = Math.Max(_keepAliveUntilTimestamp, until);
        }
    }

    internal void MarkActive() => _lastActiveTimestamp = _runtime.Time.GetTimestamp();

    public IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (options.DueTime < TimeSpan.Zero && options.DueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"GrainTimerCreationOptions.DueTime must not be negative (was {options.DueTime}).");
        }

        if (options.Period <= TimeSpan.Zero && options.Period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"GrainTimerCreationOptions.Period must be positive or infinite (was {options.Period}).");
        }

        var timer = new GrainTimer<TState>(this, callback, state, options, _loggerFactory.CreateLogger("TradingRobotPlug.Runtime.Timers"));
        lock (_inbox)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_inbox)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        List<GrainTimer>? timers;
        lock (_inbox)
        {
            timers = _timers;
            _timers = null;
        }

        if (timers is not null)
        {
            foreach (var t in timers)
            {
                t.Stop();
            }
        }
    }

    public override string ToString() => $"Activation {GrainId}";
}
