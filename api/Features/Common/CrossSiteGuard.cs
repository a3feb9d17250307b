using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.Api.Realtime;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// Keeps other sites from using a browser to drive the API or read it through DNS rebinding:
/// <list type="bullet">
/// <item><b>Host filtering</b>: when <c>AllowedHosts</c> is not configured, an API without authentication answers only
/// requests whose <c>Host</c> is <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c> (any port), so a rebound DNS name
/// gets 400; with authentication the default stays <c>*</c> (set <c>AllowedHosts</c> to the names it is served under).</item>
/// <item><b>Origin check</b>: a state-changing request (POST, PUT, PATCH, DELETE) and every request to the SignalR hub
/// that carries an <c>Origin</c> header is refused with 403 unless that origin's host and port equal the request's
/// <c>Host</c> (the dashboard itself) or it is one of <see cref="TradingApiOptions.AllowedOrigins"/>. Requests
/// without <c>Origin</c> (curl, programs, server-side callers) are not affected: only browsers send it, and they
/// always send it on cross-site writes and WebSocket handshakes.</item>
/// <item><b>CORS</b> only for the configured <see cref="TradingApiOptions.AllowedOrigins"/> (none by default, so no
/// site can read responses cross-origin).</item>
/// </list>
/// </summary>
public static class CrossSiteGuard
{
    /// <summary>The CORS policy name for <see cref="TradingApiOptions.AllowedOrigins"/>.</summary>
    public const string CorsPolicy = "trading-origins";

    /// <summary>Host names an API without authentication answers by default.</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// Sets the default <c>AllowedHosts</c>, registers CORS for the configured origins (read when a request comes, so
    /// configuration added late applies) and validates them at start: an origin that is not <c>scheme://host[:port]</c>
    /// stops the host with an <see cref="OptionsValidationException"/> naming it.
    /// </summary>
    public static WebApplicationBuilder AddCrossSiteGuard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        bool authenticated = Security.TradingAuthenticationSettings.AnyConfigured(builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = authenticated ? "*" : LoopbackHosts;
        }

        builder.Services.AddCors();
        builder.Services.AddSingleton<ICorsPolicyProvider, ConfiguredOriginsPolicyProvider>();
        builder.Services.AddSingleton<IValidateOptions<TradingApiOptions>, AllowedOriginsValidation>();
        builder.Services.AddOptions<TradingApiOptions>().ValidateOnStart();
        return builder;
    }

    /// <summary>Adds CORS (when origins are configured) and the origin check to the pipeline.</summary>
    public static WebApplication UseCrossSiteGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCors(CorsPolicy);
        app.UseMiddleware<OriginCheckMiddleware>();
        return app;
    }

    /// <summary>
    /// True when a request with <paramref name="origin"/> (the <c>Origin</c> header) may change state: the origin's host
    /// and port are the request's <paramref name="host"/> (scheme aside, so a TLS-terminating proxy in front is fine),
    /// or it is one of <paramref name="allowed"/>. <c>null</c> (an opaque origin) and an unparsable one are refused.
    /// </summary>
    public static bool IsAllowed(string origin, HostString host, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var hostAuthority = host.Port is { } port && !((uri.Scheme == Uri.UriSchemeHttp && port == 80) || (uri.Scheme == Uri.UriSchemeHttps && port == 443))
            ? $"{host.Host}:{port}"
            : host.Host;
        return host.HasValue && string.Equals(authority, hostAuthority, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ConfiguredOriginsPolicyProvider(IOptionsMonitor<TradingApiOptions> options) : ICorsPolicyProvider
    {
        public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            var origins = options.CurrentValue.AllowedOrigins;
            return Task.FromResult(origins.Length == 0 ? null : new CorsPolicyBuilder()
                .WithOrigins([.. origins.Select(o => o.TrimEnd('/'))])
                .AllowAnyHeader()
                .AllowAnyMethod()
                .Build());
        }
    }

    private sealed class AllowedOriginsValidation : IValidateOptions<TradingApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, TradingApiOptions options)
        {
            var errors = new List<string>();
            for (int i = 0; i < options.AllowedOrigins.Length; i++)
            {
                var origin = options.AllowedOrigins[i];
                if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.PathAndQuery != "/")
                {
                    errors.Add($"{TradingApiOptions.Section}:{nameof(TradingApiOptions.AllowedOrigins)}:{i} is '{origin}': an origin is scheme://host[:port], e.g. https://app.example.");
                }
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

    private sealed class OriginCheckMiddleware(RequestDelegate next, IOptions<TradingApiOptions> options)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            var request = context.Request;
            bool changes = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
            bool hub = request.Path.StartsWithSegments(DashboardHub.Path, StringComparison.OrdinalIgnoreCase);
            var origin = request.Headers.Origin.ToString();
            if ((changes || hub) && origin.Length > 0 && !IsAllowed(origin, request.Host, options.Value.AllowedOrigins))
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused.",
                    $"Origin '{origin}' is not this site ({request.Host}) nor one of {TradingApiOptions.Section}:{nameof(TradingApiOptions.AllowedOrigins)}.");
                return;
            }

            await next(context);
        }
    }
}
