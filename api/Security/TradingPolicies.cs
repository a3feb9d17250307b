namespace TradingRobotPlug.Api.Security;

/// <summary>
/// Authorization policies. Every endpoint without its own policy needs <see cref="Read"/> (the fallback policy); health
/// checks and the dashboard's files allow anonymous callers.
/// </summary>
public static class TradingPolicies
{
    /// <summary>An authenticated owner with any role (viewer, trader or operator).</summary>
    public const string Read = "read";

    /// <summary>The trader role: changes its own strategies and experiments.</summary>
    public const string Trade = "trade";

    /// <summary>The operator role: cluster, replays, market-data ingest.</summary>
    public const string Operate = "operate";
}
