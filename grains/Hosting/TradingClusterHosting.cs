using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Hosting;

/// <summary>Hosting of a one-process trading cluster (the backtest, the API's embedded default) and its log levels.</summary>
public static class TradingClusterHosting
{
    /// <summary>The Orleans service id of every TradingRobotPlug cluster: grain state rows are keyed by it, so it never changes.</summary>
    public const string ServiceId = "trading-robot-plug";

    /// <summary>The cluster id of a one-process cluster.</summary>
    public const string LocalClusterId = "trp-local";

    /// <summary>
    /// A single-silo cluster in this process: Orleans' localhost (development) clustering on 127.0.0.1, with the silo
    /// and gateway ports taken from free loopback ports so that any number of such processes (tests, a backtest beside
    /// the API) run side by side.
    /// </summary>
    public static ISiloBuilder UseTradingLocalhostClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int siloPort = FreeLoopbackPort();
        int gatewayPort = FreeLoopbackPort();
        builder.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint: null, ServiceId, LocalClusterId);
        return builder;
    }

    /// <summary>How long a grain call waits for its response in a multi-silo cluster: 10 s (Orleans' default is 30 s),
    /// so calls that were in flight to a silo that died fail fast and are retried on the survivors.</summary>
    public static readonly TimeSpan ClusterResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A silo of a multi-silo cluster whose membership is the PostgreSQL table of Orleans' ADO.NET clustering provider
    /// (our schema, applied at start-up by <c>AddTrading</c>): cluster id <paramref name="clusterId"/>, the product's
    /// service id, silo-to-silo port <paramref name="siloPort"/> and client gateway port <paramref name="gatewayPort"/>
    /// on <paramref name="advertisedAddress"/> (listening on every interface when that address is not loopback).
    /// Failure detection is tuned (<see cref="ConfigureFailureDetection"/>) and Orleans' activation rebalancer
    /// (experimental) spreads activations onto silos that join later.
    /// </summary>
    /// <exception cref="ArgumentException">A port is outside 1–65535 or the cluster id is blank.</exception>
    public static ISiloBuilder UseTradingPostgresClustering(
        this ISiloBuilder builder, string postgres, string clusterId, int siloPort, int gatewayPort, IPAddress advertisedAddress)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgres);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentNullException.ThrowIfNull(advertisedAddress);
        CheckPort(siloPort, nameof(siloPort));
        CheckPort(gatewayPort, nameof(gatewayPort));
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = ServiceId;
        });
        builder.ConfigureEndpoints(advertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertisedAddress));
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = TradingPostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = postgres;
        });
        builder.Configure<ClusterMembershipOptions>(ConfigureFailureDetection);
        builder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ClusterResponseTimeout);
#pragma warning disable ORLEANSEXP002 // the activation rebalancer is experimental in Orleans 10.4.2; see docs/operations.md
        builder.AddActivationRebalancer();
        builder.Configure<ActivationRebalancerOptions>(o =>
        {
            // Orleans' defaults (first session 60 s after start, a cycle every 15 s, cycle weight 0.1) took 100+ s to give
            // a new silo half its share of strategies (docs/benchmarks.md): start sooner, cycle faster, move more per cycle.
            o.RebalancerDueTime = TimeSpan.FromSeconds(10);
            o.SessionCyclePeriod = TimeSpan.FromSeconds(5);
            o.CycleNumberWeight = 0.5;
        });
#pragma warning restore ORLEANSEXP002
        return builder;
    }

    /// <summary>
    /// A client (no silo in this process) of the cluster <paramref name="clusterId"/>: it finds the gateways in the
    /// PostgreSQL membership table, and has the memory stream provider so it can subscribe to bars, ticks and updates.
    /// </summary>
    public static IClientBuilder UseTradingPostgresClustering(this IClientBuilder builder, string postgres, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(postgres);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = ServiceId;
        });
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = TradingPostgresSiloBuilderExtensions.Invariant;
            o.ConnectionString = postgres;
        });
        builder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterResponseTimeout);
        builder.AddMemoryStreams(StreamNamespaces.Provider);
        return builder;
    }

    /// <summary>
    /// Membership settings for fast failure detection (Orleans' defaults declare a silo dead after tens of seconds):
    /// a probe times out after 1 s and two missed probes make a silo suspect, the table is re-read every 2 s and each
    /// silo writes its heartbeat every 5 s. Two votes (the default) declare a silo dead. Measured: every strategy
    /// progresses again within the response timeout after a kill -9 (docs/operations.md).
    /// </summary>
    public static void ConfigureFailureDetection(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
    }

    private static void CheckPort(int port, string name)
    {
        if (port is < 1 or > 65_535)
        {
            throw new ArgumentException($"{name} must be a TCP port in 1–65535 (was {port}).", name);
        }
    }

    /// <summary>
    /// Orleans' own log categories at Warning (membership at Information, so joins, leaves and deaths of silos show), and
    /// Polly (which Orleans' placement uses) at Warning, so the console stays readable; the application's categories keep
    /// their configured level.
    /// </summary>
    public static ILoggingBuilder AddTradingLogFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter("Orleans", LogLevel.Warning);
        logging.AddFilter("Orleans.Runtime.MembershipService", LogLevel.Information);
        logging.AddFilter("Polly", LogLevel.Warning); // Orleans' placement retries log every attempt at Information

        return logging;
    }

    /// <summary>A TCP port free on 127.0.0.1 at the time of the call (the OS picks it).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
