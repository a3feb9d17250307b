using TradingRobotPlug.Grains;
using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>Co-hosts a silo in the API process.</summary>
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
    /// Binds <see cref="TradingApiOptions"/> and runs a silo in this process with the trading grains: PostgreSQL grain
    /// storage when <see cref="TradingApiOptions.Postgres"/> is set, in-memory otherwise; in-memory streams. Then
    /// <see cref="PortfolioStartup"/> subscribes the portfolio grain once the silo is up.
    /// </summary>
    public static WebApplicationBuilder AddTradingCluster(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TradingApiOptions>().Bind(builder.Configuration.GetSection(TradingApiOptions.Section));
        var postgres = builder.Configuration[$"{TradingApiOptions.Section}:{nameof(TradingApiOptions.Postgres)}"];
        builder.UseSilo(silo =>
        {
            silo.AddTrading();
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                silo.AddPostgresGrainStorage("Default", o => o.ConnectionString = postgres);
            }
        });
        builder.Services.AddHostedService<PortfolioStartup>();
        return builder;
    }
}
