namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// A request target (path and query) longer than <see cref="MaxTargetLength"/> characters answers 414 with a
/// problem+json body naming the limit. Kestrel's own request-line limit is raised to <see cref="KestrelRequestLineSize"/>
/// so that this check, not Kestrel's bare 414, answers such requests; requests Kestrel itself cannot parse (a malformed
/// request line, a request line beyond 64 KB) still get Kestrel's 400 or 414 without a body, since they never reach
/// the application (docs/security.md).
/// </summary>
public static class RequestTargetLimit
{
    /// <summary>Longest path plus query string answered, in characters (Kestrel's default request line is 8 KB).</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Kestrel's request-line limit set here, in bytes.</summary>
    public const int KestrelRequestLineSize = 64 * 1024;

    /// <summary>Raises Kestrel's request-line limit (the check moves into the pipeline).</summary>
    public static WebApplicationBuilder AddRequestTargetLimit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestLineSize = KestrelRequestLineSize);
        return builder;
    }

    /// <summary>Answers 414 problem+json for a target longer than <see cref="MaxTargetLength"/>.</summary>
    public static WebApplication UseRequestTargetLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            int length = (context.Request.Path.Value?.Length ?? 0) + (context.Request.PathBase.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
            if (length > MaxTargetLength)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status414UriTooLong, "The request target is too long.",
                    $"Path and query are {length} characters; at most {MaxTargetLength} are accepted.");
                return;
            }

            await next(context);
        });
        return app;
    }
}
