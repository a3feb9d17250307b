using System.Net;
using System.Text;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>The small doors of issue 12 (door 7): empty sizing, alerts with unknown fields, ids outside the alphabet, 414 bodies.</summary>
public sealed class InputHygieneTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_empty_or_padded_sizing_is_400_keyed_sizing()
    {
        using var http = factory.CreateClient();
        foreach (var sizing in new[] { "", " all-in" })
        {
            var answer = await http.PostJson("/api/v1/strategies", new { id = "hyg-sizing", kind = "buy-and-hold", instruments = new[] { "HYG" }, capital = 1000m, sizing, start = false });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.StartsWith($"'{sizing}' is not one of all-in", Assert.Single((await answer.ReadJson()).FieldErrors("sizing")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Alerts_with_unknown_fields_or_invalid_UTF8_are_400_and_keep_the_thresholds()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", new { id = "hyg-alerts", kind = "buy-and-hold", instruments = new[] { "HYG" }, capital = 1000m, start = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync("/api/v1/strategies/hyg-alerts/alerts", new StringContent("""{"maxDrawdown":0.2}""", Encoding.UTF8, "application/json"))).StatusCode);

        var unknown = await http.PutAsync("/api/v1/strategies/hyg-alerts/alerts", new StringContent("""{"maxDrawdwn":0.5}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var invalid = new ByteArrayContent([.. "{\""u8, 0xC3, 0x28, .. "\":1}"u8]);
        invalid.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("/api/v1/strategies/hyg-alerts/alerts", invalid)).StatusCode);

        var kept = await (await http.GetAsync("/api/v1/strategies/hyg-alerts/alerts")).ReadJson();
        Assert.Equal(0.2, kept.GetProperty("thresholds").GetProperty("maxDrawdown").GetDouble());
    }

    [Theory]
    [InlineData("\u212Aelvin")]       // the Kelvin sign, which ToLowerInvariant mapped to 'k'
    [InlineData(" buy-and-hold ")]
    [InlineData("caf\u00e9")]
    [InlineData("cafe\u0301")]
    public async Task Ids_outside_the_ASCII_alphabet_or_padded_are_400(string id)
    {
        using var http = factory.CreateClient();
        var answer = await http.PostJson("/api/v1/strategies", new { id, kind = "buy-and-hold", instruments = new[] { "HYG" }, capital = 1000m, start = false });
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.NotEmpty((await answer.ReadJson()).FieldErrors("id"));
        Assert.False(StrategyId.TryParse(id, out _));
    }

    [Fact]
    public async Task A_padded_or_non_ASCII_kind_is_unknown_and_upper_case_ASCII_is_the_same_id()
    {
        using var http = factory.CreateClient();
        var padded = await http.PostJson("/api/v1/strategies", new { kind = " buy-and-hold ", instruments = new[] { "HYG" }, capital = 1000m, start = false });
        Assert.Equal(HttpStatusCode.BadRequest, padded.StatusCode);
        Assert.NotEmpty((await padded.ReadJson()).FieldErrors("kind"));

        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", new { id = "Hyg-Upper", kind = "BUY-AND-HOLD", instruments = new[] { "HYG" }, capital = 1000m, start = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/strategies/hyg-upper")).StatusCode);
    }

    [Fact]
    public async Task A_too_long_request_target_is_414_with_a_problem_body()
    {
        using var http = factory.CreateClient();
        var answer = await http.GetAsync("/api/v1/strategies?sort=" + new string('a', 9_000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 8192 are accepted", (await answer.ReadJson()).GetProperty("detail").GetString());
    }
}
