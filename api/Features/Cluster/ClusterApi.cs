using TradingRobotPlug.Runtime.Diagnostics;

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

    private static IResult Get(SiloStatisticsService silo)
    {
        var s = silo.GetSnapshot();
        return TypedResults.Ok(new ClusterStatus([new SiloStatus(s.Name, s.Status, s.StartedUtc, s.Activations)], s.MessagesPerSecond));
    }
}
