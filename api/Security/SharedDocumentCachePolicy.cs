using Microsoft.AspNetCore.OutputCaching;

namespace TradingRobotPlug.Api.Security;

/// <summary>
/// Output caching of a document that is the same for every caller (the OpenAPI document): cached for a year and served
/// from the cache to authenticated callers too, unlike the default policy, which bypasses the cache for authenticated
/// requests. Authorization runs before the output cache in the pipeline, so a cached answer still needs credentials.
/// </summary>
public sealed class SharedDocumentCachePolicy : IOutputCachePolicy
{
    /// <summary>How long the document is kept.</summary>
    public static readonly TimeSpan Expiration = TimeSpan.FromDays(365);

    /// <inheritdoc/>
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.HttpContext.Request.Method;
        bool cacheable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Expiration;
        context.CacheVaryByRules.QueryKeys = "*";
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK || context.HttpContext.Response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
