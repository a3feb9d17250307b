using Orleans.TestingHost;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Grains.Tests.Infrastructure;

/// <summary>
/// Orleans' in-process test cluster with the trading grains (<c>AddTrading</c>): memory storage and streams, or the
/// project's PostgreSQL storage when a connection string is given. The service id is the product's, so two clusters
/// started one after the other on one database see the same grain state, as a restarted silo would.
/// </summary>
public static class TradingTestCluster
{
    /// <summary>
    /// Deploys a cluster of <paramref name="silos"/> silos (each configured further by <paramref name="configure"/>,
    /// e.g. with a stream filter); disposes it again when deployment fails.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(string? postgres = null, short silos = 1, Action<Orleans.Hosting.ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = TradingClusterHosting.ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTrading(postgres);
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }
}
