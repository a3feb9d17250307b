using TradingRobotPlug.Runtime.Activation;

namespace TradingRobotPlug.Runtime.Timers;

/// <summary>Base of grain timers, so an activation can stop them all.</summary>
internal abstract class GrainTimer : IGrainTimer
{
    public abstract void Change(TimeSpan dueTime, TimeSpan period);

    public abstract void Stop();

    public abstract void Dispose();
}
