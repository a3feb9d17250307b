using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;

namespace TradingRobotPlug.Api.Tests.Experiments;

/// <summary>Create, list, get and stop of <c>/api/v1/experiments</c> with every error status; name and version of strategies.</summary>
public sealed class ExperimentsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private IClusterClient Cluster => factory.Services.GetRequiredService<IClusterClient>();

    private static object Strategy(string id, int fast, int slow, string symbol, string version)
        => new { id, kind = "sma-cross", parameters = new { fast, slow }, instruments = new[] { symbol }, capital = 10_000m, name = "trend", version };

    [Fact]
    public async Task Create_list_get_and_stop_with_200_201_and_409()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", Strategy("xa-v10", 5, 20, "XPA", "1.0"))).StatusCode);
        var v11 = await http.PostJson("/api/v1/strategies", Strategy("xa-v11", 3, 10, "XPA", "1.1"));
        var definition = (await v11.ReadJson()).GetProperty("definition");
        Assert.Equal("trend", definition.GetProperty("name").GetString());
        Assert.Equal("1.1", definition.GetProperty("version").GetString());
        var snapshot = await (await http.GetAsync("/api/v1/strategies/xa-v11/snapshot")).ReadJson();
        Assert.Equal("1.1", snapshot.GetProperty("settings").GetProperty("version").GetString());

        var body = new { name = "trend ab", control = "xa-v10", treatment = "xa-v11" };
        var created = await http.PostJson("/api/v1/experiments", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/experiments/trend-ab", created.Headers.Location?.OriginalString);
        var json = await created.ReadJson();
        Assert.Equal("trend-ab", json.GetProperty("id").GetString());
        Assert.Equal("Running", json.GetProperty("status").GetString());
        Assert.Equal("xa-v10", json.GetProperty("settings").GetProperty("control").GetString());
        Assert.Equal(0, json.GetProperty("result").GetProperty("days").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("result").GetProperty("t").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await http.PostJson("/api/v1/experiments", body)).StatusCode);
        var conflict = await http.PostJson("/api/v1/experiments", new { id = "trend-ab", name = "trend ab", control = "xa-v11", treatment = "xa-v10" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var bars = ExperimentTestData.Bars("XPA", 60);
        await ExperimentTestData.Publish(Cluster, "XPA", bars);
        await Cluster.GetGrain<IExperimentGrain>("trend-ab").WaitForMarks(bars[^1].OpenTime).WaitAsync(Timeout);

        var got = await (await http.GetAsync("/api/v1/experiments/TREND-AB")).ReadJson();
        Assert.Equal(59, got.GetProperty("result").GetProperty("days").GetInt32()); // the last date is still open
        Assert.Equal(System.Text.Json.JsonValueKind.Number, got.GetProperty("result").GetProperty("t").ValueKind);
        Assert.Equal("2021-01-04", got.GetProperty("result").GetProperty("firstDate").GetString());

        var list = await (await http.GetAsync("/api/v1/experiments?pageSize=500")).ReadJson();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == "trend-ab");

        var stopped = await http.PostAsync("/api/v1/experiments/trend-ab/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var final = await stopped.ReadJson();
        Assert.Equal("Stopped", final.GetProperty("status").GetString());
        Assert.Equal(60, final.GetProperty("result").GetProperty("days").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/v1/experiments/trend-ab/stop", null)).StatusCode);
    }

    [Fact]
    public async Task Invalid_bodies_get_400_naming_the_field()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", Strategy("xb-1", 5, 20, "XPB", "1.0"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", Strategy("xb-2", 5, 20, "XPC", "1.1"))).StatusCode);

        var missing = await (await http.PostJson("/api/v1/experiments", new { })).ReadJson();
        Assert.NotEmpty(missing.FieldErrors("name"));
        Assert.NotEmpty(missing.FieldErrors("control"));
        Assert.NotEmpty(missing.FieldErrors("treatment"));

        await AssertField(http, new { name = "x", control = "xb-1", treatment = "xb-1" }, "treatment", "another strategy");
        await AssertField(http, new { name = "x", control = "xb-none", treatment = "xb-1" }, "control", "No strategy with id 'xb-none'");
        await AssertField(http, new { name = "x", control = "xb-1", treatment = "xb-2" }, "treatment", "same instruments");
        await AssertField(http, new { name = "x!", control = "xb-1", treatment = "xb-2" }, "name", "character '!'");
        await AssertField(http, new { name = new string('n', 65), control = "xb-1", treatment = "xb-2" }, "name", "at most 64");
        await AssertField(http, new { id = "Bad Id", name = "x", control = "xb-1", treatment = "xb-2" }, "id", "not a valid id");
        await AssertField(http, new { name = "x", control = "Bad Id", treatment = "xb-2" }, "control", "not a valid strategy id");
        var wrongType = await http.PostRaw("/api/v1/experiments", "{\"name\": 3}");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.NotEmpty((await wrongType.ReadJson()).FieldErrors("name"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/experiments/x")).StatusCode); // nothing was created

        // strategy name and version are validated like the other fields
        var badVersion = await http.PostJson("/api/v1/strategies", new { id = "xb-3", kind = "buy-and-hold", instruments = new[] { "XPB" }, capital = 10m, name = "ok", version = "1.0 beta" });
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.Contains("character ' '", (await badVersion.ReadJson()).FieldErrors("version").Single(), StringComparison.Ordinal);
        var badName = await http.PostJson("/api/v1/strategies", new { id = "xb-4", kind = "buy-and-hold", instruments = new[] { "XPB" }, capital = 10m, name = "" });
        Assert.NotEmpty((await badName.ReadJson()).FieldErrors("name"));
    }

    [Theory]
    [InlineData("/api/v1/experiments/nope", "GET")]
    [InlineData("/api/v1/experiments/nope/stop", "POST")]
    [InlineData("/api/v1/experiments/Not%20An%20Id", "GET")]
    public async Task Unknown_ids_get_404_problem_details(string url, string method)
    {
        using var http = factory.CreateClient();
        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_paging_gets_400()
    {
        using var http = factory.CreateClient();
        var response = await http.GetAsync("/api/v1/experiments?page=0&pageSize=501");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.NotEmpty(problem.FieldErrors("page"));
        Assert.NotEmpty(problem.FieldErrors("pageSize"));
    }

    private static async Task AssertField(HttpClient http, object body, string field, string message)
    {
        var response = await http.PostJson("/api/v1/experiments", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJson()).FieldErrors(field);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }
}
