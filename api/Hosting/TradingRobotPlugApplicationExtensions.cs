using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using TradingRobotPlug.Api.Features;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Security;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// The whole API process in two calls, so that <c>Program.cs</c> and every other host of it (the benchmarks) compose
/// the same services in the same order and the same middleware and endpoints.
/// </summary>
public static class TradingRobotPlugApplicationExtensions
{
    /// <summary>
    /// Adds everything the API process runs: the loopback rule and default URL, the co-hosted silo, ProblemDetails,
    /// OpenAPI and health checks, the REST services, SignalR with the dashboard notifier, and the market replay with
    /// the start-up demo (in this order, so hosted services start after the silo and stop before it).
    /// </summary>
    public static WebApplicationBuilder AddTradingRobotPlug(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseLoopbackUnlessAuthenticated();
        builder.AddCrossSiteGuard();
        builder.AddRequestTargetLimit();
        builder.AddTradingAuthentication();
        builder.AddTradingCluster();
        builder.AddTradingApi();
        builder.AddRestApi();
        builder.AddDashboardRealtime();
        builder.AddMarketReplay();
        builder.AddHttpCompression();
        builder.AddForwardedProxies();
        return builder;
    }

    /// <summary>
    /// Takes the client address from <c>X-Forwarded-For</c> of the configured proxies only (<see cref="ForwardedProxies"/>), compresses the responses (Brotli or gzip, as the client accepts; see <see cref="AddHttpCompression"/>), then maps the exception handler and status-code pages, the cross-site guard,
    /// authentication, the rate limiter (per owner) and authorization (<see cref="TradingAuthenticationExtensions"/>), health and OpenAPI, the REST API under <c>/api/v1</c> and the
    /// SignalR hub at <c>/hubs/dashboard</c>. The dashboard's static files are mapped separately (<c>MapDashboard</c>).
    /// </summary>
    public static WebApplication MapTradingRobotPlug(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTargetLimit();
        app.UseCrossSiteGuard();
        app.UseTradingAuthentication();
        app.UseRateLimiter();
        app.UseTradingAuthorization();
        app.MapHealthAndOpenApi();
        app.MapRestApi();
        app.MapDashboardHub();
        app.MapOrleansDashboardForOperators();
        return app;
    }

    /// <summary>
    /// Response compression for the REST answers and the dashboard's files: Brotli, else gzip, both at their fastest
    /// level (the JSON of an equity curve or of the bars shrinks about tenfold), for JSON, ProblemDetails, JavaScript,
    /// CSS, HTML and source maps. SignalR's WebSocket frames are not HTTP responses and are left alone.
    /// </summary>
    public static WebApplicationBuilder AddHttpCompression(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/javascript", "application/problem+json"]);
        });
        return builder;
    }
}
