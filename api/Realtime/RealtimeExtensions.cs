using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>SignalR hub <c>/hubs/dashboard</c> and the coalescing notifier that feeds it.</summary>
public static class RealtimeExtensions
{
    /// <summary>
    /// Adds SignalR with the JSON hub protocol (camelCase, enums as strings), <see cref="DashboardNotifier"/> (a
    /// singleton hosted service; call after <c>AddTradingCluster</c> so it starts after the silo and stops before it),
    /// <see cref="ExperimentNotifier"/> (the same way), <see cref="DashboardStateReader"/>, <see cref="DashboardMetrics"/> and the check of
    /// <see cref="TradingApiOptions.PushesPerSecond"/>.
    /// </summary>
    public static WebApplicationBuilder AddDashboardRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddSingleton<IValidateOptions<TradingApiOptions>, PushRateOptionsValidator>();
        builder.Services.AddOptions<TradingApiOptions>().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DashboardMetrics>();
        builder.Services.AddSingleton<DashboardStateReader>();
        builder.Services.AddSingleton<DashboardNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DashboardNotifier>());
        builder.Services.AddSingleton<ExperimentNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExperimentNotifier>());
        return builder;
    }

    /// <summary>Maps <see cref="DashboardHub"/> at <see cref="DashboardHub.Path"/>.</summary>
    public static WebApplication MapDashboardHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<DashboardHub>(DashboardHub.Path).RequireRateLimiting(TradingRobotPlug.Api.Features.Common.RestApiServiceExtensions.RateLimitPolicy);
        return app;
    }
}
