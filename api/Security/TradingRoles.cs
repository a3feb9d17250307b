namespace TradingRobotPlug.Api.Security;

/// <summary>
/// The roles of an owner (<c>Trading:Users:{n}:Role</c>, or a token's <c>role</c> claim):
/// <see cref="Viewer"/> reads its own data, <see cref="Trader"/> reads and changes its own data, <see cref="Operator"/>
/// runs the cluster, the replays and market-data ingest and reads every owner's strategies and experiments (read-only).
/// </summary>
public static class TradingRoles
{
    /// <summary>Reads its own strategies, experiments, alerts and portfolio, and the shared market data.</summary>
    public const string Viewer = "viewer";

    /// <summary>A viewer that also creates, starts, stops, pauses and deletes its own strategies and experiments and sets their alerts.</summary>
    public const string Trader = "trader";

    /// <summary>The cluster page and the Orleans dashboard, replays, posting ticks, and every owner's strategies read-only.</summary>
    public const string Operator = "operator";

    /// <summary>Every role, in order of the text above.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Trader, Operator];

    /// <summary>True for a known role name (exact, lower case).</summary>
    public static bool IsKnown(string? role) => role is Viewer or Trader or Operator;
}
