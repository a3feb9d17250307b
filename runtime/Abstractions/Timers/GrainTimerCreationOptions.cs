namespace TradingRobotPlug.Runtime.Timers;

/// <summary>Options for <c>RegisterGrainTimer</c>.</summary>
/// <param name="DueTime">Delay before the first tick; zero or positive.</param>
/// <param name="Period">Delay between ticks; <see cref="Timeout.InfiniteTimeSpan"/> for one-shot.</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true, a tick may run while another turn is awaiting (like an <c>[AlwaysInterleave]</c> call).</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, ticks count as activity and keep the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
