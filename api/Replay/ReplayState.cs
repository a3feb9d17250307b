namespace TradingRobotPlug.Api.Replay;

/// <summary>Where a market replay is in its life.</summary>
public enum ReplayState
{
    /// <summary>No replay has been started.</summary>
    Idle,

    /// <summary>Publishing bars.</summary>
    Running,

    /// <summary>Stopped on request before the end; starting again continues after the last published bar.</summary>
    Stopped,

    /// <summary>Every bar of the data set has been published.</summary>
    Completed,

    /// <summary>Ended by an error (see <see cref="ReplayStatus.Error"/>).</summary>
    Failed,

    /// <summary>Paused on request: keeps its place and speed; resuming continues after the last published bar.</summary>
    Paused,
}
