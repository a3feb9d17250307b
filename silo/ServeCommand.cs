using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Silo;

/// <summary>
/// The <c>serve</c> verb: one standalone silo of a multi-silo cluster on PostgreSQL (membership, grain state and the
/// stream pub-sub store there; the schema applied when missing), running until SIGTERM or Ctrl+C, then shutting down
/// gracefully (activations deactivate and write their state, the silo leaves the membership table).
/// </summary>
internal static class ServeCommand
{
    /// <summary>Runs the silo; returns 0 after a graceful shutdown, 2 for bad options or a refused database.</summary>
    public static async Task<int> RunAsync(ServeOptions options, TextWriter error, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Postgres))
        {
            await error.WriteLineAsync("serve needs --postgres \"<Npgsql connection string>\" (membership and state live there).");
            return 2;
        }

        if (!IPAddress.TryParse(options.AdvertisedAddress, out var address))
        {
            await error.WriteLineAsync($"--advertised-address '{options.AdvertisedAddress}' is not an IP address.");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Information).AddTradingLogFilters();
        try
        {
            builder.UseOrleans(silo =>
            {
                silo.UseTradingPostgresClustering(options.Postgres, options.ClusterId, options.SiloPort, options.GatewayPort, address)
                    .AddTrading(options.Postgres);
                if (options.Kubernetes)
                {
                    // Pod name, namespace, IP and the cluster and service ids from the pod's environment (POD_NAME,
                    // POD_NAMESPACE, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID), and pods of dead silos deleted.
                    silo.UseKubernetesHosting();
                }
            });
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        using var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"the silo did not start: {ex.Innermost().Message}");
            return 2;
        }

        await error.WriteLineAsync($"silo up: cluster '{options.ClusterId}', silo port {options.SiloPort}, gateway port {options.GatewayPort}, address {address}");
        await host.WaitForShutdownAsync(CancellationToken.None); // SIGTERM or Ctrl+C: the host stops Orleans gracefully
        return 0;
    }
}

/// <summary>Options of <see cref="ServeCommand"/>.</summary>
/// <param name="Postgres">Npgsql connection string.</param>
/// <param name="ClusterId">The cluster's id: silos with the same id (and database) form one cluster.</param>
/// <param name="SiloPort">Silo-to-silo TCP port.</param>
/// <param name="GatewayPort">Client gateway TCP port.</param>
/// <param name="AdvertisedAddress">The IP address other silos and clients reach this one at.</param>
/// <param name="Kubernetes">Run as a Kubernetes pod with Microsoft.Orleans.Hosting.Kubernetes (identity and address from the pod's environment).</param>
internal sealed record ServeOptions(string? Postgres, string ClusterId, int SiloPort, int GatewayPort, string AdvertisedAddress, bool Kubernetes = false);
