namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>Lifecycle of an experiment.</summary>
public enum ExperimentStatus
{
    /// <summary>Never created (or unknown id).</summary>
    None = 0,

    /// <summary>Consuming both arms' equity marks.</summary>
    Running = 1,

    /// <summary>Stopped: the arms' last open days were closed into the result, which no longer changes.</summary>
    Stopped = 2,
}
