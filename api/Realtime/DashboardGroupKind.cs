namespace TradingRobotPlug.Api.Realtime;

/// <summary>The kinds of dashboard groups a SignalR client can join.</summary>
public enum DashboardGroupKind
{
    /// <summary><c>overview</c>: every strategy's summary, portfolio equity, replay progress and alerts.</summary>
    Overview,

    /// <summary><c>strategy:{id}</c>: one strategy's summary, equity points, trades, positions and alerts.</summary>
    Strategy,

    /// <summary><c>instrument:{symbol}</c>: one instrument's bars.</summary>
    Instrument,

    /// <summary><c>experiment:{id}</c>: one experiment's snapshot (definition, status, paired statistics).</summary>
    Experiment,

    /// <summary><c>experiments</c>: the experiment list (every experiment the caller may read), as <see cref="ExperimentListUpdate"/>s.</summary>
    ExperimentList,
}
