using System.Net;
using TradingRobotPlug.Api.Features.Cluster;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Replay start/stop/status with their errors, and the cluster view.</summary>
public sealed class ReplaysAndClusterApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_running_replay_conflicts_with_a_second_start_and_stops_once()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/v1/replays/current/stop", null)).StatusCode);

        var started = await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "RPL", speed = 1 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await started.Read<ReplayStatus>();
        Assert.Equal(ReplayState.Running, status.State);
        Assert.Equal("RPL", status.Symbol);
        Assert.True(status.TotalBars > 5000);

        var second = await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "RPM", speed = 0 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var current = await (await http.GetAsync("/api/v1/replays/current")).Read<ReplayStatus>();
        Assert.Equal(ReplayState.Running, current.State);

        var stopped = await http.PostAsync("/api/v1/replays/current/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(ReplayState.Stopped, (await stopped.Read<ReplayStatus>()).State);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/v1/replays/current/stop", null)).StatusCode);
    }

    [Theory]
    [InlineData("""{"dataSet":"no-such-data","symbol":"RPX","speed":0}""", "dataSet")]
    [InlineData("""{"symbol":"RPX","speed":0}""", "dataSet")]
    [InlineData("""{"dataSet":"sp500-daily-2000-2020","symbol":"bad symbol","speed":0}""", "symbol")]
    [InlineData("""{"dataSet":"sp500-daily-2000-2020","symbol":"RPX","speed":-1}""", "speed")]
    [InlineData("""{"dataSet":"sp500-daily-2000-2020","symbol":"RPX","speed":"fast"}""", "speed")]
    public async Task Bad_replay_requests_are_400_naming_the_field(string body, string field)
    {
        using var http = factory.CreateClient();
        var response = await http.PostRaw("/api/v1/replays", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJson()).FieldErrors(field));
    }

    [Fact]
    public async Task Cluster_lists_one_silo_with_activations_by_grain_type()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", new { id = "cluster-1", kind = "buy-and-hold", instruments = new[] { "CLU" }, capital = 10m })).StatusCode);
        var cluster = await (await http.GetAsync("/api/v1/cluster")).Read<ClusterStatus>();
        var silo = Assert.Single(cluster.Silos);
        Assert.Equal("Active", silo.Status);
        Assert.True(silo.Activations.TryGetValue("strategy", out var strategies) && strategies >= 1, string.Join(", ", silo.Activations.Keys));
        Assert.True(silo.Activations.ContainsKey("strategydirectory"));
        Assert.True(cluster.MessagesPerSecond >= 0);
        Assert.True(silo.StartedUtc <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint_with_a_summary()
    {
        using var http = factory.CreateClient();
        var doc = await (await http.GetAsync("/openapi/v1.json")).ReadJson();
        var paths = doc.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/strategies", "/api/v1/strategies/{id}", "/api/v1/strategies/{id}/snapshot", "/api/v1/strategies/{id}/start",
            "/api/v1/strategies/{id}/stop", "/api/v1/strategies/{id}/pause", "/api/v1/strategies/{id}/metrics", "/api/v1/strategies/{id}/equity",
            "/api/v1/strategies/{id}/trades", "/api/v1/strategies/{id}/rejections", "/api/v1/strategies/{id}/alerts", "/api/v1/overview",
            "/api/v1/portfolio", "/api/v1/portfolio/metrics", "/api/v1/alerts", "/api/v1/cluster", "/api/v1/instruments",
            "/api/v1/instruments/{symbol}", "/api/v1/instruments/{symbol}/bars", "/api/v1/instruments/{symbol}/indicators",
            "/api/v1/instruments/{symbol}/ticks", "/api/v1/datasets", "/api/v1/replays", "/api/v1/replays/current", "/api/v1/replays/current/stop",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            foreach (var operation in item.EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path} has no summary");
                Assert.True(operation.Value.GetProperty("responses").EnumerateObject().Any(), $"{operation.Name} {path} has no responses");
            }
        }
    }
}
