using Microsoft.Extensions.Logging;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Messaging;

namespace TradingRobotPlug.Runtime.Timers;

/// <summary>
/// A timer whose ticks run as turns of its activation. Ticks never overlap: the next one is armed after the
/// callback completes (so the period is measured from the end of a tick), unless the callback called
/// <see cref="Change"/>, whose due time then stands. Uses the silo's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class GrainTimer<TState> : GrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly ILogger _logger;
    private readonly bool _interleave;
    private readonly bool _keepAlive;
    private readonly CancellationTokenSource _cts = new();
    private readonly ITimer _timer;
    private TimeSpan _period;
    private bool _stopped;
    private bool _ticking;
    private bool _changedDuringTick;

    public GrainTimer(ActivationData activation, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _state = state;
        _logger = logger;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _period = options.Period;
        DueTime = options.DueTime;
        _timer = activation.Runtime.Time.CreateTimer(static s => ((GrainTimer<TState>)s!).OnFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan DueTime { get; set; }

    public void Start() => _timer.Change(DueTime, Timeout.InfiniteTimeSpan);

    public override void Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        _changedDuringTick |= _ticking;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private void OnFired()
    {
        if (Volatile.Read(ref _stopped))
        {
            return;
        }

        _activation.Enqueue(new TickMessage(this));
    }

    private async Task TickAsync()
    {
        if (_keepAlive)
        {
            _activation.MarkActive();
        }

        _ticking = true;
        _changedDuringTick = false;
        try
        {
            await _callback(_state, _cts.Token);
        }
        catch (Exception ex)
        {
            RuntimeLog.LogErrorTimerFailed(_logger, _activation.GrainId, ex);
        }
        finally
        {
            _ticking = false;
        }

        if (!Volatile.Read(ref _stopped) && !_changedDuringTick && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
    }

    public override void Stop()
    {
        Volatile.Write(ref _stopped, true);
        _cts.Cancel();
        _timer.Dispose();
    }

    public override void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    /// <summary>A tick as a message in the activation's queue.</summary>
    private sealed class TickMessage(GrainTimer<TState> timer) : Message(timer._activation.GrainId, timer._activation.Class, long.MaxValue)
    {
        private bool _done;

        public override InvokeMethodOptions Options => timer._interleave ? InvokeMethodOptions.AlwaysInterleave : InvokeMethodOptions.None;

        public override bool IsCompleted => _done;

        public override bool CountsAsActivity => timer._keepAlive;

        public override bool ForwardOnDeactivation => false;

        public override void Run(ActivationData activation)
        {
            if (activation != timer._activation)
            {
                // The timer's activation is gone; a timer never outlives its activation.
                _done = true;
                activation.OnMessageCompleted(this);
                return;
            }

            var task = timer.TickAsync();
            if (task.IsCompleted)
            {
                Complete(activation);
            }
            else
            {
                _ = CompleteAfter(task, activation);
            }
        }

        private async Task CompleteAfter(Task task, ActivationData activation)
        {
            await task;
            Complete(activation);
        }

        private void Complete(ActivationData activation)
        {
            _done = true;
            activation.OnMessageCompleted(this);
        }

        public override void Fail(Exception exception) => _done = true;

        public override void TimeOut()
        {
        }

        public override string ToString() => $"timer tick of {timer._activation.GrainId}";
    }
}
