using System.Net;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

public sealed class KeyedApiFactory : ApiFactory
{
    public const string Key = "test-key-123";

    public KeyedApiFactory() => With("Trading:ApiKeys:0", "other-key").With("Trading:ApiKeys:1", Key);
}

public sealed class RateLimitedApiFactory : ApiFactory
{
    public RateLimitedApiFactory() => With("Trading:RateLimitPerSecond", "1");
}

/// <summary>API keys on writes (401) and the per-client rate limit (429).</summary>
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
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/strategies/keyed")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync("/api/v1/strategies/keyed")).StatusCode);
    }

    [Fact]
    public async Task Writes_with_a_configured_key_pass_and_reads_need_none()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", KeyedApiFactory.Key);
        var created = await http.PostJson("/api/v1/strategies", new { id = "keyed-ok", kind = "buy-and-hold", instruments = new[] { "KEY" }, capital = 10m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/strategies/keyed-ok")).StatusCode);
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Requests_beyond_the_limit_get_429_problem_details()
    {
        using var http = factory.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => http.GetAsync("/api/v1/replays/current")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await limited[0].ReadJson()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }
}
