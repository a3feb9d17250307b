using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// The API in a test server with the demo off (tests create what they need) and in-memory storage. Settings can be
/// overridden per factory (e.g. API keys, rate limit, Postgres).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Trading:Demo"] = "false",
        ["Trading:ReplaySpeed"] = "0",
    };

    /// <summary>Sets a configuration value (e.g. <c>Trading:ApiKeys:0</c>); call before the first request.</summary>
    public ApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
    }
}
