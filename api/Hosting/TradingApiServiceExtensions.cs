using Microsoft.Extensions.Diagnostics.HealthChecks;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>Cross-cutting API services: ProblemDetails, the OpenAPI document and health checks.</summary>
public static class TradingApiServiceExtensions
{
    /// <summary>Adds RFC 9457 ProblemDetails, the OpenAPI document (<c>/openapi/v1.json</c>) and the health checks
    /// (<c>ready</c>: the silo answers a grain call and the storage answers, see <see cref="StorageHealthCheck"/>).</summary>
    public static WebApplicationBuilder AddTradingApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddOutputCache();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadyHealthCheck>("silo", tags: ["ready"])
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (the silo answers),
    /// <c>/openapi/v1.json</c> and the browsable UI at <c>/openapi</c>.</summary>
    public static WebApplication MapHealthAndOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        // The document is built once and then served from the output cache (building it cost ~180 ms of CPU per request).
        app.UseOutputCache();
        app.MapOpenApi()
            .CacheOutput(p => p.AddPolicy<TradingRobotPlug.Api.Security.SharedDocumentCachePolicy>(), excludeDefaultPolicy: true)
            .RequireRateLimiting(TradingRobotPlug.Api.Features.Common.RestApiServiceExtensions.RateLimitPolicy);
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "openapi";
            o.SwaggerEndpoint("/openapi/v1.json", "TradingRobotPlug API v1");
        });
        return app;
    }

    private sealed class SiloReadyHealthCheck(IClusterClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var strategies = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy($"silo up; {strategies.Length} strategies");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("silo not answering", ex);
            }
        }
    }
}
