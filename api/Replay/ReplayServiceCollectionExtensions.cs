using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TradingRobotPlug.Api.Replay;

/// <summary>Registers the market replay and the start-up demo.</summary>
public static class ReplayServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MarketReplayService"/> (a singleton, stopped with the host) and <see cref="DemoSeeder"/>.
    /// Call after <c>AddTradingCluster</c> so that both start after the silo and stop before it.</summary>
    public static WebApplicationBuilder AddMarketReplay(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarketReplayService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketReplayService>());
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
