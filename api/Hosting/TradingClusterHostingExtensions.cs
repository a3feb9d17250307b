using Orleans.Dashboard;
using Orleans.Hosting;
using TradingRobotPlug.Api.Features.Cluster;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>Co-hosts an Orleans silo in the API process.</summary>
public static class TradingClusterHostingExtensions
{
    /// <summary>Command-line switches mapped to configuration keys.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>
    {
        ["--postgres"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Postgres)}",
        ["--replay-speed"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ReplaySpeed)}",
        ["--demo"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Demo)}",
        ["--data-dir"] = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.DataDirectory)}",
    };

    /// <summary>
    /// Binds <see cref="TradingApiOptions"/> and runs an Orleans silo in this process (localhost clustering on free
    /// loopback ports) with the trading grains: PostgreSQL grain storage through Orleans' ADO.NET provider when
    /// <see cref="TradingApiOptions.Postgres"/> is set, in-memory otherwise; memory streams; the Orleans dashboard's
    /// services (mapped at <c>/dashboard</c> by <see cref="MapOrleansDashboardBehindKeys"/>). Then
    /// <see cref="PortfolioStartup"/> subscribes the portfolio grain once the silo is up.
    /// </summary>
    public static WebApplicationBuilder AddTradingCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TradingApiOptions>().Bind(builder.Configuration.GetSection(TradingApiOptions.Section));
        var postgres = builder.Configuration[$"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Postgres)}"];
        builder.Logging.AddTradingLogFilters();
        builder.UseOrleans(silo =>
        {
            silo.UseTradingLocalhostClustering();
            silo.AddTrading(postgres);
            silo.AddDashboard();
        });
        builder.Services.AddSingleton<ClusterMessageRate>();
        builder.Services.AddHostedService<PortfolioStartup>();
        return builder;
    }

    /// <summary>
    /// Maps the Orleans dashboard at <see cref="Features.Common.ApiKeyMiddleware.OrleansDashboardPath"/>. It has no
    /// authentication of its own: with API keys configured every request to it needs <c>X-Api-Key</c> (the
    /// <see cref="Features.Common.ApiKeyMiddleware"/> covers the path); without keys the server listens on loopback only.
    /// </summary>
    public static WebApplication MapOrleansDashboardBehindKeys(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOrleansDashboard(routePrefix: Features.Common.ApiKeyMiddleware.OrleansDashboardPath);
        return app;
    }
}
