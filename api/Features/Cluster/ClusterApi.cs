using TradingRobotPlug.Api.Security;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>The cluster endpoint: what Orleans' management grain knows of the silos and their activations.</summary>
public static class ClusterApi
{
    /// <summary>Maps <c>GET /cluster</c>.</summary>
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/cluster", Get).WithTags("Cluster").WithName("GetCluster").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Silos of the membership table with their status, address and activations by grain type, and messages per second.").Produces<ClusterStatus>();
        return v1;
    }

    private static async Task<IResult> Get(IClusterClient client, ClusterMessageRate rate)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == Orleans.Runtime.SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var grains = await management.GetSimpleGrainStatistics();
        var runtime = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var silos = hosts
            .OrderBy(h => h.StartTime)
            .Select(h => new SiloStatus(
                h.SiloName,
                h.Status.ToString(),
                new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                grains.Where(g => g.SiloAddress.Equals(h.SiloAddress))
                    .GroupBy(g => ShortGrainType(g.GrainType))
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(x => x.ActivationCount), StringComparer.Ordinal),
                h.SiloAddress.ToParsableString(),
                h.HostName))
            .ToList();
        long received = runtime.Sum(r => r.ReceivedMessages);
        return TypedResults.Ok(new ClusterStatus(silos, rate.Sample(received)));
    }

    /// <summary>
    /// The grain type's short name: the class name without its <c>Grain</c> suffix, in lower case (<c>StrategyGrain</c> →
    /// <c>strategy</c>), which for our grains is the type pinned with <c>[GrainType]</c>; Orleans' own grains read alike
    /// (<c>memorystreamqueue</c>).
    /// </summary>
    private static string ShortGrainType(string grainType)
    {
        int comma = grainType.IndexOf(',', StringComparison.Ordinal);
        string name = comma < 0 ? grainType : grainType[..comma];
        int dot = name.LastIndexOf('.');
        name = dot < 0 ? name : name[(dot + 1)..];
        int generic = name.IndexOf('`', StringComparison.Ordinal);
        name = generic < 0 ? name : name[..generic];
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
