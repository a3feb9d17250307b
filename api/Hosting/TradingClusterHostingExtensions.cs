using System.Net;
using Orleans.Dashboard;
using Orleans.Hosting;
using TradingRobotPlug.Api.Features.Cluster;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>Joins the API process to an Orleans cluster: a co-hosted silo (by default) or a client.</summary>
public static class TradingClusterHostingExtensions
{
    /// <summary>Command-line switches mapped to configuration keys.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--postgres"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Postgres)}",
        ["--replay-speed"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ReplaySpeed)}",
        ["--demo"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Demo)}",
        ["--data-dir"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.DataDirectory)}",
        ["--cluster-id"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ClusterId)}",
        ["--silo-port"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.SiloPort)}",
        ["--gateway-port"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.GatewayPort)}",
        ["--advertised-address"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.AdvertisedAddress)}",
        ["--client"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Client)}",
    };

    /// <summary>Switches that take no value on the command line (<c>--client</c>).</summary>
    public static IReadOnlySet<string> FlagSwitches { get; } = new HashSet<string>(StringComparer.Ordinal) { "--client" };

    /// <summary>
    /// The command line with <c>true</c> after each <see cref="FlagSwitches"/> switch given without a value
    /// (<c>--client --demo false</c> → <c>--client true --demo false</c>), since configuration's command-line source
    /// reads every switch as a key with a value.
    /// </summary>
    public static string[] ExpandFlags(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var expanded = new List<string>(args.Length + 1);
        for (int i = 0; i < args.Length; i++)
        {
            expanded.Add(args[i]);
            if (FlagSwitches.Contains(args[i]) && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                expanded.Add("true");
            }
        }

        return [.. expanded];
    }

    /// <summary>
    /// Binds <see cref="TradingApiOptions"/> and joins the process to an Orleans cluster with the trading grains:
    /// <list type="bullet">
    /// <item>no <see cref="TradingApiOptions.ClusterId"/>: a one-process cluster (localhost clustering on free loopback
    /// ports), state in PostgreSQL when <see cref="TradingApiOptions.Postgres"/> is set, in memory otherwise;</item>
    /// <item>a cluster id: a silo of that cluster, membership and state in PostgreSQL;</item>
    /// <item>a cluster id and <see cref="TradingApiOptions.Client"/>: an Orleans client of that cluster (no silo here).</item>
    /// </list>
    /// A silo also gets the Orleans dashboard's services (mapped at <c>/dashboard</c> by <see cref="MapOrleansDashboardForOperators"/>).
    /// Then <see cref="PortfolioStartup"/> subscribes the portfolio grain once the cluster is reachable.
    /// </summary>
    /// <exception cref="InvalidOperationException">A cluster id without <c>--postgres</c>, <c>--client</c> without a
    /// cluster id, or an advertised address that is not an IP address; the message names the option.</exception>
    public static WebApplicationBuilder AddTradingCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TradingApiOptions>().Bind(builder.Configuration.GetSection(TradingApiOptions.Section));
        var options = builder.Configuration.GetSection(TradingApiOptions.Section).Get<TradingApiOptions>() ?? new TradingApiOptions();
        var postgres = string.IsNullOrWhiteSpace(options.Postgres) ? null : options.Postgres;
        var clusterId = string.IsNullOrWhiteSpace(options.ClusterId) ? null : options.ClusterId;
        if (clusterId is not null && postgres is null)
        {
            throw new InvalidOperationException("--cluster-id (Trading:ClusterId) needs --postgres (Trading:Postgres): the cluster's membership lives there.");
        }

        if (options.Client && clusterId is null)
        {
            throw new InvalidOperationException("--client (Trading:Client) needs --cluster-id and --postgres: the client finds the gateways in the cluster's membership table.");
        }

        builder.Logging.AddTradingLogFilters();
        if (options.Client)
        {
            builder.UseOrleansClient(client => client.UseTradingPostgresClustering(postgres!, clusterId!));
        }
        else
        {
            IPAddress? advertised = null;
            if (clusterId is not null && !IPAddress.TryParse(options.AdvertisedAddress, out advertised))
            {
                throw new InvalidOperationException($"--advertised-address (Trading:AdvertisedAddress) '{options.AdvertisedAddress}' is not an IP address.");
            }

            builder.UseOrleans(silo =>
            {
                if (clusterId is null)
                {
                    silo.UseTradingLocalhostClustering();
                }
                else
                {
                    silo.UseTradingPostgresClustering(postgres!, clusterId, options.SiloPort, options.GatewayPort, advertised!);
                }

                silo.AddTrading(postgres);
                silo.AddDashboard();
            });
        }

        builder.Services.AddSingleton<ClusterMessageRate>();
        builder.Services.AddHostedService<PortfolioStartup>();
        return builder;
    }

    /// <summary>Where the Orleans dashboard is mapped.</summary>
    public const string OrleansDashboardPath = "/dashboard";

    /// <summary>
    /// Maps the Orleans dashboard at <see cref="OrleansDashboardPath"/> when this process hosts a silo. It has no
    /// authentication of its own and shows the whole cluster, so it needs the operator role
    /// (<see cref="Security.TradingPolicies.Operate"/>); in the one-user demo the server listens on loopback only.
    /// </summary>
    public static WebApplication MapOrleansDashboardForOperators(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TradingApiOptions>>().Value.Client)
        {
            app.MapOrleansDashboard(routePrefix: OrleansDashboardPath).RequireAuthorization(Security.TradingPolicies.Operate);
        }

        return app;
    }
}
