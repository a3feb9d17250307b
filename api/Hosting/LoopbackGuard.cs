using System.Net;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// Binds Kestrel to http://127.0.0.1:5000 unless URLs are configured, and, when no API key is configured, refuses to
/// listen on anything but loopback: non-loopback URLs are replaced by loopback ones and a warning says so.
/// </summary>
public static partial class LoopbackGuard
{
    /// <summary>The default listen address.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>Applies the default URL and the loopback rule; logs the decision once the app is built.</summary>
    public static WebApplicationBuilder UseLoopbackUnlessKeyed(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        var urls = string.IsNullOrWhiteSpace(configured) ? [DefaultUrl] : configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var keys = builder.Configuration.GetSection($"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ApiKeys)}").Get<string[]>() ?? [];
        var rewritten = new List<string>();
        var replaced = new List<string>();
        foreach (var url in urls)
        {
            if (keys.Length == 0 && !IsLoopback(url))
            {
                var uri = new Uri(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal));
                rewritten.Add($"{uri.Scheme}://127.0.0.1:{uri.Port}");
                replaced.Add(url);
            }
            else
            {
                rewritten.Add(url);
            }
        }

        builder.WebHost.UseUrls([.. rewritten]);
        builder.Services.AddHostedService(sp => new StartupNotice(sp.GetRequiredService<ILogger<StartupNoticeCategory>>(), keys.Length, rewritten, replaced));
        return builder;
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Log category of the start-up notice.</summary>
    public sealed class StartupNoticeCategory;

    private sealed class StartupNotice(ILogger<StartupNoticeCategory> logger, int keys, List<string> urls, List<string> replaced) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (keys == 0)
            {
                LogWarningNoKeys(logger, string.Join(", ", urls), replaced.Count == 0 ? "none" : string.Join(", ", replaced));
            }
            else
            {
                LogInformationKeys(logger, keys, string.Join(", ", urls));
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API key configured (Trading:ApiKeys): write endpoints are open, so listening on loopback only: {Urls} (non-loopback URLs replaced: {Replaced})")]
    private static partial void LogWarningNoKeys(ILogger logger, string urls, string replaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Keys} API key(s) configured; write endpoints need X-Api-Key; listening on {Urls}")]
    private static partial void LogInformationKeys(ILogger logger, int keys, string urls);
}
