using TradingRobotPlug.Runtime.Tests.Infrastructure;
using TradingRobotPlug.Runtime.Timers;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private bool _inCall;
    private IGrainTimer? _timer;
    private TimeSpan _period;
    private TimeSpan? _rescheduleTo;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:deactivated", reason);
        return Task.CompletedTask;
    }

    public Task StartTicking(TimeSpan period, bool keepAlive)
    {
        _period = period;
        _timer = RegisterGrainTimer(static (grain, _) => grain.Tick(), this, new GrainTimerCreationOptions(period, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task RescheduleFromNextTick(TimeSpan dueTime)
    {
        _rescheduleTo = dueTime;
        return Task.CompletedTask;
    }

    public async Task Block(string gate)
    {
        _inCall = true;
        probe.Signal($"{gate}:entered");
        await probe.Gate(gate);
        _inCall = false;
    }

    public Task Touch() => Task.CompletedTask;

    public Task Sync() => Task.CompletedTask;

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private Task Tick()
    {
        probe.Signal($"{GetPrimaryKeyString()}:tick", new TickObservation(_inCall, ReferenceEquals(RuntimeContext.Current, GrainContext)));
        if (_rescheduleTo is { } dueTime)
        {
            _rescheduleTo = null;
            _timer!.Change(dueTime, _period);
        }

        return Task.CompletedTask;
    }
}
