using TradingRobotPlug.Api.Features.Alerts;
using TradingRobotPlug.Api.Features.Cluster;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Features.Experiments;
using TradingRobotPlug.Api.Features.Market;
using TradingRobotPlug.Api.Features.Portfolio;
using TradingRobotPlug.Api.Features.Replays;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Security;

namespace TradingRobotPlug.Api.Features;

/// <summary>Maps the REST API under <c>/api/v1</c>.</summary>
public static class RestApiEndpointExtensions
{
    /// <summary>
    /// Maps every REST feature (strategies, portfolio, market data, replay, alerts, cluster, experiments) under <c>/api/v1</c> with the
    /// per-client rate limit (see <see cref="RestApiServiceExtensions.AddRestApi"/>). Every route needs an authenticated
    /// owner (the fallback policy of <see cref="Security.TradingAuthenticationExtensions"/>); writes and operator routes
    /// say which role they need.
    /// </summary>
    public static WebApplication MapRestApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/api/v1")
            .RequireRateLimiting(RestApiServiceExtensions.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapStrategiesApi()
            .MapStrategyKindsApi()
            .MapPortfolioApi()
            .MapMarketApi()
            .MapReplaysApi()
            .MapAlertsApi()
            .MapClusterApi()
            .MapExperimentsApi()
            .MapAuthApi();
        return app;
    }
}
