using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

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
