using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>
/// <c>X-Forwarded-For</c> counts only from the configured proxies: from anyone else (and with no proxy configured) a
/// client cannot dodge its per-IP rate limit by sending a new forwarded address with each request.
/// </summary>
public sealed class ForwardedProxiesTests(ProxiedRateLimitedApiFactory proxied) : IClassFixture<ProxiedRateLimitedApiFactory>
{
    private const int Requests = 12;

    /// <summary>Sends <see cref="Requests"/> concurrent GETs from <paramref name="remote"/>, request i with
    /// <c>X-Forwarded-For</c> from <paramref name="forwarded"/>(i) (none when null), and counts the 429s.</summary>
    private static async Task<int> LimitedAsync(TestServer server, string remote, Func<int, string?> forwarded)
    {
        var contexts = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/api/v1/replays/current";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            if (forwarded(i) is { } address)
            {
                c.Request.Headers["X-Forwarded-For"] = address;
            }
        })));
        Assert.All(contexts, c => Assert.True(c.Response.StatusCode is 200 or 429, $"status {c.Response.StatusCode}"));
        return contexts.Count(c => c.Response.StatusCode == StatusCodes.Status429TooManyRequests);
    }

    [Fact]
    public async Task Through_a_configured_proxy_each_forwarded_client_has_its_own_limit()
    {
        Assert.Equal(0, await LimitedAsync(proxied.Server, "10.0.0.1", i => $"203.0.113.{i + 1}"));
        Assert.Equal(0, await LimitedAsync(proxied.Server, "10.9.4.2", i => $"198.51.100.{i + 1}"));
        Assert.NotEqual(0, await LimitedAsync(proxied.Server, "10.0.0.1", _ => "192.0.2.77"));
    }

    [Fact]
    public async Task From_anyone_else_the_forwarded_address_is_ignored()
    {
        Assert.NotEqual(0, await LimitedAsync(proxied.Server, "10.0.0.2", i => $"203.0.113.{i + 100}"));
    }

    [Fact]
    public async Task With_no_proxy_configured_the_forwarded_address_is_ignored()
    {
        await using var plain = new RateLimitedApiFactory();
        Assert.NotEqual(0, await LimitedAsync(plain.Server, "10.0.0.1", i => $"203.0.113.{i + 150}"));
    }

    [Fact]
    public void A_malformed_proxy_stops_the_host_naming_the_entry()
    {
        using var bad = new ApiFactory().With("Trading:ForwardedProxies:0", "10.0.0.1").With("Trading:ForwardedProxies:1", "proxy.internal");
        var error = Assert.ThrowsAny<Exception>(() => bad.Server);
        Assert.Contains("Trading:ForwardedProxies:1 is 'proxy.internal'", error.ToString(), StringComparison.Ordinal);
        Assert.True(ForwardedProxies.TryParse("::1", out _));
        Assert.True(ForwardedProxies.TryParse("fd00::/8", out _));
        Assert.False(ForwardedProxies.TryParse("10.0.0.0/33", out _));
    }
}
