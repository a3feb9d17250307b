using System.Net;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Legacy API keys (<c>Trading:ApiKeys</c>): every route but health needs one (401).</summary>
public sealed class ApiKeyTests(KeyedApiFactory factory) : IClassFixture<KeyedApiFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-key-12")]
    [InlineData("test-key-1234")]
    public async Task Writes_without_a_matching_key_get_401(string? key)
    {
        using var http = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/strategies")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { id = "keyed", kind = "buy-and-hold", instruments = new[] { "KEY" }, capital = 10m }),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/strategies/keyed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync("/api/v1/strategies/keyed")).StatusCode);
    }

    [Fact]
    public async Task An_unauthenticated_write_with_a_bad_body_gets_401_not_400()
    {
        using var http = factory.CreateClient();
        var response = await http.PostRaw("/api/v1/strategies", "not json");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var ticks = await http.PostRaw("/api/v1/instruments/KEY/ticks", "{\"ticks\":[]}");
        Assert.Equal(HttpStatusCode.Unauthorized, ticks.StatusCode);
    }

    [Fact]
    public async Task Writes_with_a_configured_key_pass_and_reads_need_one_too()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", KeyedApiFactory.Key);
        var created = await http.PostJson("/api/v1/strategies", new { id = "keyed-ok", kind = "buy-and-hold", instruments = new[] { "KEY" }, capital = 10m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/strategies/keyed-ok")).StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/strategies/keyed-ok")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }
}
