using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using TradingRobotPlug.Api.Realtime;

namespace TradingRobotPlug.Api.Security;

/// <summary>
/// Authentication and authorization of the API. A policy scheme (<see cref="Scheme"/>) picks the handler by request:
/// the one-user demo (<see cref="DemoAuthenticationHandler"/>) when nothing is configured; JWT bearer for
/// <c>Authorization: Bearer …</c>, and for the SignalR hub's <c>access_token</c> query parameter (browsers cannot set
/// headers on a WebSocket); otherwise the API key (<see cref="ApiKeyAuthenticationHandler"/>). Authorization: the
/// fallback policy <see cref="TradingPolicies.Read"/> covers every endpoint that does not say otherwise; the health
/// checks and the dashboard's files allow anonymous callers.
/// </summary>
public static class TradingAuthenticationExtensions
{
    /// <summary>The default (policy) scheme.</summary>
    public const string Scheme = "Trading";

    /// <summary>Health checks live under this path and need no credentials.</summary>
    public const string HealthPath = "/health";

    /// <summary>The query parameter carrying a bearer token on the hub (SignalR's convention).</summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>
    /// Registers <see cref="TradingAuthenticationSettings"/> (read from the final configuration when the host starts: an
    /// invalid entry stops it with a message naming the entry), the schemes, the policies and <see cref="TokenIssuer"/>.
    /// </summary>
    public static WebApplicationBuilder AddTradingAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read from the built configuration, not builder.Configuration: a test host adds its settings at build time.
        builder.Services.AddSingleton(sp => TradingAuthenticationSettings.Read(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<TradingAuthenticationSettings>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHostedService<SettingsCheck>();
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or the one-user demo", o => o.ForwardDefaultSelector = context => Select(context, context.RequestServices.GetRequiredService<TradingAuthenticationSettings>()))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments(DashboardHub.Path, StringComparison.OrdinalIgnoreCase)
                            && context.Request.Query[AccessTokenQuery].ToString() is { Length: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.Identity?.Name is not { } name || GrainInterfaces.Strategies.Owners.NameError(name) is not null)
                        {
                            context.Fail($"The token's '{TradingClaims.Name}' claim is missing or not a valid owner name.");
                        }
                        else if (!context.Principal.FindAll(TradingClaims.Role).Any(r => TradingRoles.IsKnown(r.Value)))
                        {
                            context.Fail($"The token has no '{TradingClaims.Role}' claim with a known role ({string.Join(", ", TradingRoles.All)}).");
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var detail = context.AuthenticateFailure switch
                        {
                            SecurityTokenExpiredException expired => $"The bearer token expired at {expired.Expires:u}.",
                            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The bearer token's signature is not valid.",
                            { } failure => $"The bearer token is not valid: {failure.Message}",
                            null => "Send Authorization: Bearer with a valid token, or the header X-Api-Key with your API key.",
                        };
                        await AuthenticationProblems.WriteUnauthorizedAsync(context.HttpContext, detail, "Bearer error=\"invalid_token\"");
                    },
                    OnForbidden = context => AuthenticationProblems.WriteForbiddenAsync(context.HttpContext),
                };
            });

        // The signing key: the configured one, or the process's random one for the hub tokens it issues.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TradingAuthenticationSettings, TokenIssuer>((o, settings, issuer) => o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = issuer.SigningKey,
                NameClaimType = TradingClaims.Name,
                RoleClaimType = TradingClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
                RequireExpirationTime = true,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TradingPolicies.Read, p => p.RequireAuthenticatedUser().RequireRole(TradingRoles.All))
            .AddPolicy(TradingPolicies.Trade, p => p.RequireAuthenticatedUser().RequireRole(TradingRoles.Trader))
            .AddPolicy(TradingPolicies.Operate, p => p.RequireAuthenticatedUser().RequireRole(TradingRoles.Operator))
            // Every endpoint needs an authenticated owner unless it says otherwise. The health checks pass (probes carry no
            // credentials), and so does a request that matched no endpoint (the dashboard's static files, the Swagger
            // UI's files, a 404).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => (c.Resource is HttpContext { } http && (http.GetEndpoint() is null || http.Request.Path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase)))
                    || (c.User.Identity?.IsAuthenticated == true && TradingRoles.All.Any(c.User.IsInRole)))
                .Build());
        return builder;
    }

    /// <summary>Adds authentication (before the rate limiter, which partitions by owner) to the pipeline; authorization
    /// is added by <see cref="UseTradingAuthorization"/>.</summary>
    public static WebApplication UseTradingAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        return app;
    }

    /// <summary>Adds authorization to the pipeline.</summary>
    public static WebApplication UseTradingAuthorization(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthorization();
        return app;
    }

    private static string Select(HttpContext context, TradingAuthenticationSettings settings)
    {
        if (!settings.IsConfigured)
        {
            return DemoAuthenticationHandler.SchemeName;
        }

        var request = context.Request;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        if (!request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            && request.Path.StartsWithSegments(DashboardHub.Path, StringComparison.OrdinalIgnoreCase)
            && request.Query.ContainsKey(AccessTokenQuery))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        return ApiKeyAuthenticationHandler.SchemeName;
    }

    /// <summary>Reads the settings when the host starts, so that an invalid entry stops it at once.</summary>
    private sealed class SettingsCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<TradingAuthenticationSettings>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
