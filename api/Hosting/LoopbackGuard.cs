using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TradingRobotPlug.Api.Security;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// Keeps an API without authentication on loopback. Kestrel listens on <see cref="DefaultUrl"/> unless URLs or
/// endpoints are configured. Without authentication (no user in <c>Trading:Users</c>, key in <c>Trading:ApiKeys</c> nor
/// JWT signing key in <c>Trading:Jwt</c>; see <see cref="TradingAuthenticationSettings"/>), the decision is taken on the
/// addresses Kestrel actually bound, after it started, whatever configured them (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>Kestrel:Endpoints</c>): an address that is not a loopback IP (<c>0.0.0.0</c>, <c>[::]</c>, a host name such as
/// <c>loopback</c> that Kestrel binds to every interface) stops the host with an error naming it. Until that check
/// runs, every connection whose local address is not loopback is closed before a request is read, so nothing is
/// served from another interface even for a moment. An empty API key is a configuration error (it would count as
/// authentication here but match no request), so the host refuses to start and names the key.
/// </summary>
public static partial class LoopbackGuard
{
    /// <summary>The default listen address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Applies the default URL and the loopback rule (see <see cref="LoopbackGuard"/>).</summary>
    /// <exception cref="InvalidOperationException">An authentication setting is invalid, e.g. a configured API key is empty
    /// or only white space.</exception>
    public static WebApplicationBuilder UseLoopbackUnlessAuthenticated(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Users, legacy keys and a JWT signing key all count; an invalid entry (an empty key among them) stops the host here.
        var settings = TradingAuthenticationSettings.Read(builder.Configuration);
        bool authenticated = settings.IsConfigured;
        if (!authenticated)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            {
                if (connection.LocalEndPoint is IPEndPoint local && !IsLoopback(local.Address))
                {
                    connection.Abort();
                    return Task.CompletedTask;
                }

                return next(connection);
            })));
        }

        builder.Services.AddHostedService(sp => new BoundAddressCheck(
            sp.GetRequiredService<IServer>(), sp.GetRequiredService<ILogger<StartupNoticeCategory>>(), settings));
        return builder;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and their IPv4-mapped forms.</summary>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>
    /// True when an address Kestrel reports as bound (e.g. <c>http://127.0.0.1:5000</c>, <c>http://[::]:5000</c>,
    /// <c>http://localhost:5000</c>) listens on loopback only. <c>localhost</c> counts: Kestrel binds it to the loopback
    /// addresses alone. Any other host name, and an unparsable address, does not.
    /// </summary>
    public static bool IsLoopbackAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // The host is taken from the text: System.Uri rewrites some host names (it maps "loopback" to 127.0.0.1), which
        // is exactly the confusion that let "http://loopback:PORT" pass as loopback while Kestrel bound every interface.
        int scheme = address.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        var authority = address[(scheme + 3)..];
        int slash = authority.IndexOf('/', StringComparison.Ordinal);
        authority = slash >= 0 ? authority[..slash] : authority;
        string host = authority.StartsWith('[')
            ? authority[1..Math.Max(1, authority.IndexOf(']', StringComparison.Ordinal))]
            : authority.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IsLoopback(ip));
    }

    /// <summary>Logging category of the start-up notice.</summary>
    public sealed class StartupNoticeCategory;

    /// <summary>After the server started: refuses non-loopback addresses without authentication, and says how the API is reachable.</summary>
    private sealed class BoundAddressCheck(IServer server, ILogger<StartupNoticeCategory> logger, TradingAuthenticationSettings settings) : IHostedLifecycleService
    {
        public Task StartedAsync(CancellationToken cancellationToken)
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            if (!settings.IsConfigured)
            {
                var exposed = addresses.Where(a => !IsLoopbackAddress(a)).ToList();
                if (exposed.Count > 0)
                {
                    var message = $"Refusing to run: listening on {string.Join(", ", exposed)}, which is not loopback, without authentication. "
                        + "Configure owners (Trading:Users:0:Name, :Role, :ApiKey, e.g. Trading__Users__0__ApiKey=…), an API key (Trading:ApiKeys:0) or a JWT signing key (Trading:Jwt:SigningKey), or listen on 127.0.0.1 / [::1] / localhost only.";
                    LogCriticalExposed(logger, message);
                    throw new InvalidOperationException(message);
                }

                LogWarningDemo(logger, string.Join(", ", addresses));
            }
            else
            {
                LogInformationKeys(logger, settings.Users.Count, settings.ToString(), string.Join(", ", addresses));
            }

            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-user demo: no API key configured (Trading:Users, Trading:ApiKeys, Trading:Jwt), so every caller is the owner 'demo' with every role and anyone who can reach it can change anything; listening on loopback only: {Urls}")]
    private static partial void LogWarningDemo(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogCriticalExposed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Keys} API key(s) configured: {Settings}; every route except /health/* and the dashboard's files needs X-Api-Key or a bearer token; listening on {Urls}")]
    private static partial void LogInformationKeys(ILogger logger, int keys, string settings, string urls);
}
