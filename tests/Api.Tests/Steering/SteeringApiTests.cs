using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Realtime;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;

namespace TradingRobotPlug.Api.Tests.Steering;

/// <summary>
/// The endpoints the dashboard steers with: the strategy-kind catalogue behind the strategy form, and replay pause,
/// resume, speed, restart and preview. One host per class; the replay tests run one at a time in it.
/// </summary>
public sealed class SteeringApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>Rows of data/sp500-daily-2000-2020.csv without its header (5106 lines, the last without a newline).</summary>
    private const int DataSetBars = 5105;

    [Fact]
    public async Task Strategy_kinds_list_every_kind_with_its_parameters_defaults_ranges_help_and_rules()
    {
        using var http = factory.CreateClient();
        var response = await http.GetAsync("/api/v1/strategy-kinds");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kinds = (await response.ReadJson()).EnumerateArray().ToList();

        // The built-in kinds (one class each under grains/Strategies), sorted by name.
        string[] expected = ["bollinger-reversion", "buy-and-hold", "donchian-breakout", "ema-cross", "macd-cross", "rsi-reversion", "sma-cross"];
        Assert.Equal(expected, kinds.Select(k => k.GetProperty("kind").GetString()));
        Assert.All(kinds, k => Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("description").GetString())));

        // sma-cross:fast=50,slow=200,short=false with fast < slow, as SmaCrossStrategy's constructor declares.
        var sma = kinds.Single(k => k.GetProperty("kind").GetString() == "sma-cross");
        var parameters = sma.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["fast", "short", "slow"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("integer", parameters["fast"].GetProperty("type").GetString());
        Assert.Equal(50, parameters["fast"].GetProperty("default").GetDouble());
        Assert.Equal(200, parameters["slow"].GetProperty("default").GetDouble());
        Assert.Equal(1, parameters["fast"].GetProperty("minimum").GetDouble());
        Assert.Equal(10000, parameters["slow"].GetProperty("maximum").GetDouble());
        Assert.Equal("boolean", parameters["short"].GetProperty("type").GetString());
        Assert.Equal(0, parameters["short"].GetProperty("default").GetDouble());
        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
        var rule = Assert.Single(sma.GetProperty("rules").EnumerateArray());
        Assert.Equal(["fast", "slow"], rule.EnumerateArray().Select(n => n.GetString()));

        // rsi-reversion's thresholds are real-valued RSI points in [0, 100].
        var rsi = kinds.Single(k => k.GetProperty("kind").GetString() == "rsi-reversion").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("real", rsi["lower"].GetProperty("type").GetString());
        Assert.Equal((30, 0, 100), (rsi["lower"].GetProperty("default").GetDouble(), rsi["lower"].GetProperty("minimum").GetDouble(), rsi["lower"].GetProperty("maximum").GetDouble()));

        // buy-and-hold takes no parameters.
        Assert.Empty(kinds.Single(k => k.GetProperty("kind").GetString() == "buy-and-hold").GetProperty("parameters").EnumerateArray());
    }

    [Fact]
    public async Task A_strategy_kind_is_found_by_name_and_an_unknown_one_is_404_naming_the_known_kinds()
    {
        using var http = factory.CreateClient();
        var one = await http.GetAsync("/api/v1/strategy-kinds/EMA-Cross");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("ema-cross", (await one.ReadJson()).GetProperty("kind").GetString());

        var missing = await http.GetAsync("/api/v1/strategy-kinds/no-such-kind");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var detail = (await missing.ReadJson()).GetProperty("detail").GetString();
        Assert.Contains("no-such-kind", detail, StringComparison.Ordinal);
        Assert.Contains("sma-cross", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_pauses_resumes_changes_speed_stops_and_restarts_from_its_first_bar_with_409s_explained()
    {
        using var http = factory.CreateClient();
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();

        // Nothing was started in this host yet: nothing to pause, resume, re-pace or restart.
        foreach (var (method, url) in new[] { ("POST", "pause"), ("POST", "resume"), ("POST", "restart"), ("PUT", "speed") })
        {
            var refused = await Send(http, method, $"/api/v1/replays/current/{url}", """{"speed":5}""");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace((await refused.ReadJson()).GetProperty("detail").GetString()));
        }

        // A fresh symbol: Start would publish every bar of the file.
        var fresh = await (await http.GetAsync($"/api/v1/replays/preview?dataSet={DemoSeeder.DataSet}&symbol=STR")).ReadJson();
        Assert.Equal(DataSetBars, fresh.GetProperty("totalBars").GetInt32());
        Assert.Equal(0, fresh.GetProperty("publishedBars").GetInt32());
        Assert.Equal(new DateTimeOffset(2000, 1, 3, 0, 0, 0, TimeSpan.Zero), fresh.GetProperty("fromTime").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2020, 4, 17, 0, 0, 0, TimeSpan.Zero), fresh.GetProperty("toTime").GetDateTimeOffset());
        Assert.StartsWith("Start publishes all 5,105 bars", fresh.GetProperty("action").GetString(), StringComparison.Ordinal);

        // Start slowly, pause: the state says so, and a second pause, a start and a resume-while-running are refused.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "STR", speed = 1 })).StatusCode);
        var paused = await http.PostAsync("/api/v1/replays/current/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(ReplayState.Paused, (await paused.Read<ReplayStatus>()).State);
        Assert.Equal(ReplayState.Paused, (await (await http.GetAsync("/api/v1/replays/current")).Read<ReplayStatus>()).State);
        var again = await http.PostAsync("/api/v1/replays/current/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already paused", (await again.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var start = await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "STS", speed = 0 });
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Contains("paused; resume or stop it first", (await start.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var busy = await (await http.GetAsync($"/api/v1/replays/preview?dataSet={DemoSeeder.DataSet}&symbol=STS")).ReadJson();
        Assert.Contains("is paused: Start is refused", busy.GetProperty("action").GetString(), StringComparison.Ordinal);

        // Speed: validated, then changed while paused; resuming runs at the new speed (0 = as fast as possible) to the end.
        var bad = await Send(http, "PUT", "/api/v1/replays/current/speed", """{"speed":-3}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty((await bad.ReadJson()).FieldErrors("speed"));
        var none = await Send(http, "PUT", "/api/v1/replays/current/speed", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.NotEmpty((await none.ReadJson()).FieldErrors("speed"));
        var faster = await Send(http, "PUT", "/api/v1/replays/current/speed", """{"speed":0}""");
        Assert.Equal(HttpStatusCode.OK, faster.StatusCode);
        var fasterStatus = await faster.Read<ReplayStatus>();
        Assert.Equal((ReplayState.Paused, 0d), (fasterStatus.State, fasterStatus.SpeedBarsPerSecond));

        var completed = WaitForAsync(replay, s => s.State == ReplayState.Completed);
        var resumed = await http.PostAsync("/api/v1/replays/current/resume", null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(ReplayState.Running, (await resumed.Read<ReplayStatus>()).State);
        var done = await completed;
        Assert.Equal((DataSetBars, DataSetBars, 100d), (done.TotalBars, done.PublishedBars, done.Percent));

        // The pause lost no bar and repeated none: the instrument holds each bar of the file once.
        Assert.Equal(DataSetBars, (await client.GetGrain<IInstrumentGrain>("STR").GetSnapshot()).Bars);

        // Start on the finished replay would publish nothing, and the preview says so and what a restart does.
        var finished = await (await http.GetAsync($"/api/v1/replays/preview?dataSet={DemoSeeder.DataSet}&symbol=STR")).ReadJson();
        Assert.Equal(DataSetBars, finished.GetProperty("publishedBars").GetInt32());
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("fromTime").ValueKind);
        Assert.Equal(
            "All 5,105 bars of 'sp500-daily-2000-2020' are already published to STR (a published bar never changes): Start would publish nothing. Restart replays them from the first bar to STR.R2.",
            finished.GetProperty("action").GetString());

        // A restart to the same symbol is refused with the reason; without a symbol it goes to STR.R2 from the first bar.
        var same = await http.PostJson("/api/v1/replays/current/restart", new { symbol = "STR" });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Contains("a published bar never changes", (await same.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var restartedDone = WaitForAsync(replay, s => s.State == ReplayState.Completed && s.Symbol == "STR.R2");
        var restarted = await http.PostAsync("/api/v1/replays/current/restart", null);
        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        var restartStatus = await restarted.Read<ReplayStatus>();
        Assert.Equal(("STR.R2", DemoSeeder.DataSet, 0), (restartStatus.Symbol, restartStatus.DataSet, restartStatus.PublishedBars));
        await restartedDone;
        Assert.Equal(DataSetBars, (await client.GetGrain<IInstrumentGrain>("STR.R2").GetSnapshot()).Bars);

        // A stop of a paused replay ends it where it is.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "STP", speed = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/v1/replays/current/pause", null)).StatusCode);
        var stopped = await http.PostAsync("/api/v1/replays/current/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(ReplayState.Stopped, (await stopped.Read<ReplayStatus>()).State);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/v1/replays/current/resume", null)).StatusCode);
    }

    [Fact]
    public async Task The_instrument_group_of_a_strategy_created_before_any_bar_can_be_joined_and_pushes_its_first_bars()
    {
        using var http = factory.CreateClient();
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        await using var hub = await HubTestClient.ConnectAsync(factory.Server);

        // No strategy trades HUBX and it has no data: refused. Once a strategy trades it, the group can be joined.
        var refused = await Assert.ThrowsAsync<HubInvocationException>(() => hub.InvokeAsync("Join", "instrument:HUBX"));
        Assert.Contains("no strategy trades it", refused.Message, StringComparison.Ordinal);
        var created = await http.PostJson("/api/v1/strategies", new { id = "steer-hub", kind = "buy-and-hold", instruments = new[] { "HUBX" }, capital = 1000m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await hub.InvokeAsync("Join", "instrument:HUBX");

        var completed = WaitForAsync(replay, s => s.State == ReplayState.Completed && s.Symbol == "HUBX");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/replays", new { dataSet = DemoSeeder.DataSet, symbol = "HUBX", speed = 0 })).StatusCode);
        var events = await hub.WaitUntilAsync(e => e.Any(x => x.Target == DashboardEvents.Bar), TimeSpan.FromSeconds(60));
        var first = events.First(x => x.Target == DashboardEvents.Bar).Argument;
        Assert.Equal("HUBX", first.GetProperty("symbol").GetString());
        await completed;
    }

    [Theory]
    [InlineData("dataSet=no-such-data&symbol=STR", "dataSet")]
    [InlineData("symbol=STR", "dataSet")]
    [InlineData("dataSet=sp500-daily-2000-2020&symbol=bad%20symbol", "symbol")]
    public async Task Bad_preview_requests_are_400_naming_the_field(string query, string field)
    {
        using var http = factory.CreateClient();
        var response = await http.GetAsync($"/api/v1/replays/preview?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJson()).FieldErrors(field));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_steering_endpoints()
    {
        using var http = factory.CreateClient();
        var paths = (await (await http.GetAsync("/openapi/v1.json")).ReadJson()).GetProperty("paths");
        string[] expected =
        [
            "/api/v1/strategy-kinds", "/api/v1/strategy-kinds/{kind}", "/api/v1/replays/current/pause", "/api/v1/replays/current/resume",
            "/api/v1/replays/current/speed", "/api/v1/replays/current/restart", "/api/v1/replays/preview",
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

    private static Task<HttpResponseMessage> Send(HttpClient http, string method, string url, string json)
        => http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>Completes with the first status (the current one or a later change) that satisfies <paramref name="done"/>.</summary>
    private static async Task<ReplayStatus> WaitForAsync(MarketReplayService replay, Func<ReplayStatus, bool> done)
    {
        var reached = new TaskCompletionSource<ReplayStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(ReplayStatus s)
        {
            if (done(s))
            {
                reached.TrySetResult(s);
            }
        }

        replay.StatusChanged += OnChanged;
        try
        {
            OnChanged(replay.Status);
            return await reached.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            replay.StatusChanged -= OnChanged;
        }
    }
}
