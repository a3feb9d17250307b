using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Activation is signalled as <c>{key}:activated</c>, ticks as <c>{key}:tick</c> with a <see cref="TickObservation"/>,
/// deactivation as <c>{key}:deactivated</c>.</summary>
public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTicking(TimeSpan period, bool keepAlive);

    /// <summary>Makes the next tick's callback call <c>Change(dueTime, same period)</c> on its own timer.</summary>
    Task RescheduleFromNextTick(TimeSpan dueTime);

    Task Block(string gate);

    /// <summary>An ordinary call: it runs only after a tick in progress has finished (and re-armed its timer).</summary>
    Task Touch();

    [AlwaysInterleave]
    Task Sync();

    Task Deactivate();
}
