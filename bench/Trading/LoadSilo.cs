using System.Net;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// The <c>load-silo</c> verb: one silo of a cluster tick load (<c>bench/tickload-cluster.sh</c>), configured exactly as
/// the product's standalone silo (<c>silo serve</c>: <c>UseTradingPostgresClustering(...).AddTrading(postgres)</c>,
/// i.e. ADO.NET clustering, grain state and stream pub-sub in PostgreSQL, the <c>market</c> memory stream provider, the
/// activation rebalancer) plus the benchmark's measuring: <see cref="StreamItemCountingFilter"/> counts the bars and
/// ticks delivered on this silo and <see cref="LoadSiloReporter"/> sends the counts and the process's CPU and memory to
/// the driver. Runs until SIGTERM or Ctrl+C.
/// </summary>
public static class LoadSilo
{
    /// <summary>Runs the silo until it is asked to stop (SIGTERM, Ctrl+C); 0 after a graceful stop.</summary>
    public static async Task<int> RunAsync(LoadSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string postgres = options.Postgres;
        string clusterId = options.ClusterId;
        int siloPort = options.SiloPort;
        int gatewayPort = options.GatewayPort;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning).AddTradingLogFilters();
        builder.UseOrleans(silo =>
        {
            silo.UseTradingPostgresClustering(postgres, clusterId, siloPort, gatewayPort, IPAddress.Loopback).AddTrading(postgres);
            silo.Services.AddSingleton<RuntimeCounters>();
            silo.AddIncomingGrainCallFilter<StreamItemCountingFilter>();
        });
        builder.Services.AddHostedService<LoadSiloReporter>();
        using var host = builder.Build();
        await host.StartAsync();
        await Console.Error.WriteLineAsync($"load silo up: cluster '{clusterId}', silo port {siloPort}, gateway port {gatewayPort}, pid {Environment.ProcessId}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
