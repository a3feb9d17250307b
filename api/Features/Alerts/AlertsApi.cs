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
        v1.MapGet("/alerts", async (IClusterClient client) => TypedResults.Ok(await All(client)))
            .WithTags("Alerts").WithName("ListAlerts").WithSummary("Every alert raised by any strategy, newest first.")
            .Produces<IReadOnlyList<AlertRaised>>();
        return v1;
    }

    /// <summary>Every strategy's raised alerts, newest first (ties by strategy id).</summary>
    public static async Task<IReadOnlyList<AlertRaised>> All(IClusterClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ids = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
        var lists = await Task.WhenAll(ids.Select(id => client.GetGrain<IStrategyGrain>(id.ToString()).GetAlerts()));
        return [.. lists.SelectMany(a => a).OrderByDescending(a => a.Time).ThenBy(a => a.Strategy.ToString(), StringComparer.Ordinal)];
    }
}
