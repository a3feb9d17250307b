namespace TradingRobotPlug.Runtime.Timers;

/// <summary>A timer registered by a grain. Dispose to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period. <see cref="Timeout.InfiniteTimeSpan"/> period means one-shot.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
