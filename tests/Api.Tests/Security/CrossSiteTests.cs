using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>An API with one other site allowed (CORS and the origin check).</summary>
public sealed class CorsApiFactory : ApiFactory
{
    public const string Allowed = "https://app.example";

    public CorsApiFactory() => With("Trading:AllowedOrigins:0", Allowed);
}

/// <summary>
/// Cross-site use (issue 12, door 2): a foreign page cannot make the browser change state (writes and the hub check
/// <c>Origin</c>), DNS rebinding meets host filtering, and CORS answers only configured origins.
/// </summary>
public sealed class CrossSiteTests(ApiFactory factory, CorsApiFactory cors) : IClassFixture<ApiFactory>, IClassFixture<CorsApiFactory>
{
    private static HttpRequestMessage Request(HttpMethod method, string url, string? origin = null, string? host = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return request;
    }

    [Fact]
    public async Task A_body_less_write_from_a_foreign_origin_is_403_and_changes_nothing_while_the_same_origin_and_no_origin_pass()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", new { id = "xsite-1", kind = "buy-and-hold", instruments = new[] { "XS" }, capital = 1000m })).StatusCode);

        // The reported attack: a form post from another site with a forged-looking Host.
        var foreign = await http.SendAsync(Request(HttpMethod.Post, "/api/v1/strategies/xsite-1/stop", "http://evil.example", "localhost"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Origin 'http://evil.example' is not this site", (await foreign.ReadJson()).GetProperty("detail").GetString());
        Assert.Equal("Running", (await (await http.GetAsync("/api/v1/strategies/xsite-1")).ReadJson()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request(HttpMethod.Delete, "/api/v1/strategies/xsite-1", "null"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request(HttpMethod.Post, "/api/v1/strategies/xsite-1/stop", "http://localhost:1"))).StatusCode);

        // The dashboard's own origin, and callers that send none, are served.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Request(HttpMethod.Post, "/api/v1/strategies/xsite-1/stop", "http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Request(HttpMethod.Delete, "/api/v1/strategies/xsite-1"))).StatusCode);

        // Reads carry no CORS headers, so a foreign page cannot read them.
        var read = await http.SendAsync(Request(HttpMethod.Get, "/api/v1/strategies", "http://evil.example"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_hub_refuses_a_foreign_origin_and_accepts_its_own()
    {
        using var http = factory.CreateClient();
        var foreign = await http.SendAsync(Request(HttpMethod.Post, "/hubs/dashboard/negotiate?negotiateVersion=1", "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var own = await http.SendAsync(Request(HttpMethod.Post, "/hubs/dashboard/negotiate?negotiateVersion=1", "http://localhost"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Without_authentication_only_loopback_host_names_are_answered()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(Request(HttpMethod.Get, "/api/v1/strategies", host: "rebound.evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(Request(HttpMethod.Get, "/health/live", host: "rebound.evil.example:5000"))).StatusCode);
        foreach (var host in new[] { "localhost", "127.0.0.1:5000", "[::1]:5000" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Request(HttpMethod.Get, "/health/live", host: host))).StatusCode);
        }
    }

    [Fact]
    public async Task A_configured_origin_gets_CORS_and_may_write_and_others_get_neither()
    {
        using var http = cors.CreateClient();
        var preflight = Request(HttpMethod.Options, "/api/v1/strategies", CorsApiFactory.Allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var answer = await http.SendAsync(preflight);
        Assert.Equal(CorsApiFactory.Allowed, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var write = Request(HttpMethod.Post, "/api/v1/strategies", CorsApiFactory.Allowed);
        write.Content = JsonContent.Create(new { id = "xsite-cors", kind = "buy-and-hold", instruments = new[] { "XC" }, capital = 1000m, start = false });
        var created = await http.SendAsync(write);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(CorsApiFactory.Allowed, created.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = Request(HttpMethod.Options, "/api/v1/strategies", "https://other.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        Assert.False((await http.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(Request(HttpMethod.Delete, "/api/v1/strategies/xsite-cors", "https://other.example"))).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost", "localhost", true)]
    [InlineData("http://localhost:5000", "localhost:5000", true)]
    [InlineData("https://trp.example", "trp.example", true)]
    [InlineData("https://trp.example", "trp.example:443", true)]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5001", false)]
    [InlineData("http://evil.example", "localhost", false)]
    [InlineData("null", "localhost", false)]
    [InlineData("file://", "localhost", false)]
    [InlineData("https://app.example", "localhost", true)]
    public void An_origin_may_write_when_it_is_the_host_or_configured(string origin, string host, bool allowed)
        => Assert.Equal(allowed, CrossSiteGuard.IsAllowed(origin, new HostString(host), ["https://app.example/"]));
}

/// <summary>The OpenAPI document is built once and served from the output cache (issue 12, amplification).</summary>
public sealed class OpenApiCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_second_request_for_the_OpenAPI_document_is_served_from_the_cache()
    {
        using var http = factory.CreateClient();
        var first = await http.GetAsync("/openapi/v1.json");
        var second = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age); // the output cache answers with Age; a freshly built document has none
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }
}
