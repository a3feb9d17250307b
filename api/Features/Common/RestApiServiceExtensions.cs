using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>Services of the REST API: JSON conventions, error mapping and rate limiting (authentication and authorization: <see cref="Security.TradingAuthenticationExtensions"/>).</summary>
public static class RestApiServiceExtensions
{
    /// <summary>The rate-limiter policy applied to <c>/api/v1</c>.</summary>
    public const string RateLimitPolicy = "api-v1";

    /// <summary>
    /// Adds JSON conventions (camelCase, enums as strings, numbers only as JSON numbers), the exception-to-ProblemDetails
    /// mapping (<see cref="ApiExceptionHandler"/>; request binding failures throw so that they reach it), and a fixed
    /// one-second window limiter per owner (per client IP for anonymous callers; <see cref="PartitionKey"/>) of <see cref="TradingApiOptions.RateLimitPerSecond"/> requests (none when 0;
    /// 429 ProblemDetails when exceeded).
    /// </summary>
    public static WebApplicationBuilder AddRestApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Options are read per request (not while building) so that configuration added late, e.g. by a test host, applies.
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var perSecond = PerSecond(context);
                return perSecond <= 0
                    ? RateLimitPartition.GetNoLimiter("all")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        PartitionKey(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perSecond, Window = TimeSpan.FromSeconds(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"At most {PerSecond(context.HttpContext)} requests per second per client are allowed (Trading:RateLimitPerSecond).");
            };
        });
        return builder;
    }

    /// <summary>The rate-limit partition of a request: its owner when signed in with a key or token (so an owner's
    /// limit holds from any address), else its client IP (anonymous callers, and everyone in the one-user demo).</summary>
    public static string PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } owner } identity
            && identity.AuthenticationType != Security.DemoAuthenticationHandler.SchemeName
            ? "owner:" + owner
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static int PerSecond(HttpContext context)
        => context.RequestServices.GetRequiredService<IOptions<TradingApiOptions>>().Value.RateLimitPerSecond;
}
