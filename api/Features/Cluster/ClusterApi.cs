using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.Runtime;

namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>The cluster endpoint of docs/api.md.</summary>
public static class ClusterApi
{
    /// <summary>Maps <c>GET /cluster</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/cluster", Get).WithTags("Cluster").WithName("GetCluster")
            .WithSummary("Silos with their activations by grain type, and messages per second.").Produces<ClusterStatus>();
        return v1;
    }

    private static async Task<IResult> Get(IClusterClient client)
    {
        var silos = await client.GetGrain<IManagementGrain>(IManagementGrain.Key).GetSiloStatistics();
        return TypedResults.Ok(new ClusterStatus(
            [.. silos.Select(s => new SiloStatus(s.Name, s.Status, s.StartedUtc, s.Activations))],
            silos.Sum(s => s.MessagesPerSecond)));
    }
}
