namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>
/// The stream of experiment changes: one stream (<see cref="Updates"/>, key <see cref="AllKey"/>) on the
/// <see cref="Market.StreamNamespaces.Provider"/> provider carrying an <see cref="ExperimentSnapshot"/> each time an
/// experiment's result or status changes. The API's notifier pushes them to the SignalR groups <c>experiment:{id}</c>.
/// </summary>
public static class ExperimentStreams
{
    /// <summary>Stream namespace of experiment snapshots.</summary>
    public const string Updates = "experiment-updates";

    /// <summary>The key of the single <see cref="Updates"/> stream.</summary>
    public const string AllKey = "all";
}
