namespace TradingRobotPlug.Api.Realtime;

/// <summary>Names of the client events the dashboard hub sends (see <c>docs/api.md</c>, section SignalR).</summary>
public static class DashboardEvents
{
    /// <summary><c>StrategySummary[]</c> (overview: every strategy changed since the last push; strategy: one).</summary>
    public const string Metrics = "metrics";

    /// <summary><see cref="EquityUpdate"/>.</summary>
    public const string Equity = "equity";

    /// <summary><see cref="TradeUpdate"/>.</summary>
    public const string Trade = "trade";

    /// <summary><see cref="PositionUpdate"/>.</summary>
    public const string Position = "position";

    /// <summary><c>AlertRaised[]</c>.</summary>
    public const string Alert = "alert";

    /// <summary><c>ReplayStatus</c>.</summary>
    public const string Replay = "replay";

    /// <summary><see cref="BarUpdate"/>.</summary>
    public const string Bar = "bar";
}
