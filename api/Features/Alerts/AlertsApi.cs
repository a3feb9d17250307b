using System.Security.Claims;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Alerts;

/// <summary>The alert list endpoint of docs/api.md (per-strategy thresholds live under the strategy endpoints).</summary>
public static class AlertsApi
{
    /// <summary>Maps <c>GET /alerts</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/alerts", async (IClusterClient client, ClaimsPrincipal user) => TypedResults.Ok(await All(client, user)))
            .WithTags("Alerts").WithName("ListAlerts").WithSummary("Every alert raised by the caller's strategies (an operator: everyone's), newest first.")
            .Produces<IReadOnlyList<AlertRaised>>();
        return v1;
    }

    /// <summary>The raised alerts of the strategies <paramref name="user"/> may read, newest first (ties by strategy id).</summary>
    public static async Task<IReadOnlyList<AlertRaised>> All(IClusterClient client, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(client);
        var strategies = await StrategiesApi.Readable(client, user);
        var lists = await Task.WhenAll(strategies.Select(s => client.GetGrain<IStrategyGrain>(s.Id.ToString()).GetAlerts()));
        return [.. lists.SelectMany(a => a).OrderByDescending(a => a.Time).ThenBy(a => a.Strategy.ToString(), StringComparer.Ordinal)];
    }
}
