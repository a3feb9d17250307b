using System.Net;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Create, lifecycle and delete, with every error status of the strategy endpoints.</summary>
public sealed class StrategiesApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_answers_201_then_200_when_identical_then_409_when_different()
    {
        using var http = factory.CreateClient();
        var definition = new { kind = "ema-cross", parameters = new { fast = 8, slow = 21 }, instruments = new[] { "CRA" }, capital = 25_000m, sizing = "percent:50", start = false };
        var created = await http.PostJson("/api/v1/strategies", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/strategies/ema-cross-8-21", created.Headers.Location?.OriginalString);
        var details = await created.Read<StrategyDetails>();
        Assert.Equal("ema-cross-8-21", details.Id);
        Assert.Equal(StrategyStatus.Created, details.Status);
        Assert.Equal("percent:50", details.Definition.Sizing);
        Assert.Equal(25_000m, details.Definition.Capital);
        Assert.Equal("1d", details.Definition.Timeframe);
        Assert.Equal(25_000m, details.Summary.Cash);
        Assert.Equal(0m, details.Summary.NetPnl);

        var again = await http.PostJson("/api/v1/strategies", definition);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(details, await again.Read<StrategyDetails>(), new DetailsComparer());

        var different = await http.PostJson("/api/v1/strategies", definition with { capital = 30_000m });
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal(409, (await different.ReadJson()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_benchmark_on_another_instrument_waits_for_its_bars_and_the_own_instrument_is_the_default()
    {
        using var http = factory.CreateClient();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        var other = await http.PostJson("/api/v1/strategies", new { id = "bench-other", kind = "buy-and-hold", instruments = new[] { "BNA" }, capital = 1000m, benchmark = "BNB", start = true });
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal("BNB", (await other.Read<StrategyDetails>()).Definition.Benchmark);

        // BNA's bars wait for BNB's history; BNB at half of BNA's price changes (same dates) then releases them.
        var t0 = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);
        decimal[] closes = [10m, 11m, 12m, 10m, 13m];
        Bar BarOf(string symbol, int day, decimal close) => Bar.Create(InstrumentId.Parse(symbol), Timeframe.OneDay, t0.AddDays(day), close, close, close, close, 100);
        await client.GetGrain<IInstrumentGrain>("BNA").PublishBars([.. closes.Select((c, i) => BarOf("BNA", i, c))]);
        var grain = client.GetGrain<IStrategyGrain>("bench-other");
        while ((await grain.GetSnapshot()).BarsAwaitingBenchmark < closes.Length)
        {
            await Task.Delay(20);
        }

        var waiting = await (await http.GetAsync("/api/v1/strategies/bench-other")).Read<StrategyDetails>();
        Assert.Equal(closes.Length, waiting.Summary.BarsAwaitingBenchmark);
        Assert.Equal(0, waiting.Summary.BarsProcessed);

        decimal[] benchmarkCloses = [20m, 21m, 22m, 21m, 22.5m];
        await client.GetGrain<IInstrumentGrain>("BNB").PublishBars([.. benchmarkCloses.Select((c, i) => BarOf("BNB", i, c))]);
        Assert.Equal(closes.Length, await grain.WaitForBars(closes.Length).WaitAsync(TimeSpan.FromSeconds(60)));

        // The benchmark's return is that of the buy-and-hold kind run on BNB's bars alone.
        var engine = new StrategyEngine(StrategyId.Parse("holder"), new StrategySettings("buy-and-hold", [InstrumentId.Parse("BNB")], Timeframe.OneDay, 1000m), StrategyRegistry.Default);
        foreach (var (c, i) in benchmarkCloses.Select((c, i) => (c, i)))
        {
            engine.OnBar(BarOf("BNB", i, c));
        }

        var details = await (await http.GetAsync("/api/v1/strategies/bench-other")).Read<StrategyDetails>();
        Assert.Equal(0, details.Summary.BarsAwaitingBenchmark);
        Assert.Equal("BNB", details.Summary.Benchmark);
        Assert.Equal(engine.Metrics.AllTime!.ToSnapshot().TotalReturn!.Value, details.Summary.TotalReturn!.Value - details.Summary.ExcessReturn!.Value, 12);
        Assert.NotEqual(0.0, details.Summary.ExcessReturn!.Value);

        var own = new { id = "bench-own", kind = "buy-and-hold", instruments = new[] { "BNA" }, capital = 1000m, benchmark = "BNA", start = false };
        var created = await http.PostJson("/api/v1/strategies", own);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("BNA", (await created.Read<StrategyDetails>()).Definition.Benchmark);

        // The same strategy without a benchmark is identical (the default is the strategy's instrument).
        Assert.Equal(HttpStatusCode.OK, (await http.PostJson("/api/v1/strategies", new { id = "bench-own", kind = "buy-and-hold", instruments = new[] { "BNA" }, capital = 1000m, start = false })).StatusCode);
    }

    [Fact]
    public async Task Lifecycle_start_pause_stop_delete_with_409_and_404()
    {
        using var http = factory.CreateClient();
        var created = await http.PostJson("/api/v1/strategies", new { id = "life-1", kind = "buy-and-hold", instruments = new[] { "LIF" }, capital = 1000m });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(StrategyStatus.Running, (await created.Read<StrategyDetails>()).Status);

        var startAgain = await http.PostAsync("/api/v1/strategies/life-1/start", null);
        Assert.Equal(HttpStatusCode.Conflict, startAgain.StatusCode);
        Assert.Contains("already running", (await startAgain.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(StrategyStatus.Paused, (await (await http.PostAsync("/api/v1/strategies/life-1/pause", null)).Read<StrategyDetails>()).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/v1/strategies/life-1/pause", null)).StatusCode);
        Assert.Equal(StrategyStatus.Running, (await (await http.PostAsync("/api/v1/strategies/life-1/start", null)).Read<StrategyDetails>()).Status);
        Assert.Equal(StrategyStatus.Stopped, (await (await http.PostAsync("/api/v1/strategies/life-1/stop", null)).Read<StrategyDetails>()).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/v1/strategies/life-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/strategies/life-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/api/v1/strategies/life-1")).StatusCode);
        var list = await (await http.GetAsync("/api/v1/strategies?pageSize=500")).ReadJson();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == "life-1");
    }

    [Theory]
    [InlineData("/api/v1/strategies/nope", "GET")]
    [InlineData("/api/v1/strategies/nope/snapshot", "GET")]
    [InlineData("/api/v1/strategies/nope/metrics", "GET")]
    [InlineData("/api/v1/strategies/nope/equity", "GET")]
    [InlineData("/api/v1/strategies/nope/trades", "GET")]
    [InlineData("/api/v1/strategies/nope/rejections", "GET")]
    [InlineData("/api/v1/strategies/nope/alerts", "GET")]
    [InlineData("/api/v1/strategies/nope/start", "POST")]
    [InlineData("/api/v1/strategies/nope/stop", "POST")]
    [InlineData("/api/v1/strategies/nope/pause", "POST")]
    [InlineData("/api/v1/strategies/nope", "DELETE")]
    [InlineData("/api/v1/strategies/Not%20An%20Id", "GET")]
    public async Task Unknown_ids_get_404_problem_details(string url, string method)
    {
        using var http = factory.CreateClient();
        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_kind_is_400_naming_kind()
    {
        using var http = factory.CreateClient();
        var response = await http.PostJson("/api/v1/strategies", new { kind = "moon-phase", instruments = new[] { "ERR" }, capital = 1000m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("moon-phase", Assert.Single((await response.ReadJson()).FieldErrors("kind")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameter_rules_and_ranges_are_400_naming_each_parameter()
    {
        using var http = factory.CreateClient();
        var response = await http.PostJson("/api/v1/strategies", new
        {
            kind = "sma-cross",
            parameters = new { fast = 50, slow = 20 },
            instruments = new[] { "ERR" },
            capital = 1000m,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be less than slow", Assert.Single((await response.ReadJson()).FieldErrors("parameters.fast")), StringComparison.Ordinal);

        var many = await http.PostJson("/api/v1/strategies", new
        {
            kind = "rsi-reversion",
            parameters = new { period = 0, colour = 3, lower = "low" },
            instruments = new[] { "bad symbol" },
            timeframe = "2d",
            capital = -5m,
            sizing = "half",
            feeBps = -1m,
            alerts = new { maxDrawdown = 2.0 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        var problem = await many.ReadJson();
        foreach (var field in new[] { "parameters.period", "parameters.colour", "parameters.lower", "instruments[0]", "timeframe", "alerts.maxDrawdown" })
        {
            Assert.True(problem.FieldErrors(field).Length > 0, $"{field} missing in {problem}");
        }
    }

    [Fact]
    public async Task Settings_out_of_range_are_400_naming_the_field()
    {
        using var http = factory.CreateClient();
        var response = await http.PostJson("/api/v1/strategies", new { kind = "buy-and-hold", instruments = new[] { "ERR" }, capital = -5m, sizing = "half", feeBps = -1m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.NotEmpty(problem.FieldErrors("capital"));
        Assert.NotEmpty(problem.FieldErrors("sizing"));
        Assert.NotEmpty(problem.FieldErrors("feeBps"));
    }

    [Fact]
    public async Task Amounts_beyond_the_documented_maxima_are_400_naming_the_field_and_nothing_is_created()
    {
        // Issue 10, defect 5: capital 1e28 and feePerUnit decimal.MaxValue were accepted and overflowed the portfolio totals.
        using var http = factory.CreateClient();
        var response = await http.PostJson("/api/v1/strategies", new { id = "too-rich", kind = "buy-and-hold", instruments = new[] { "ERR" }, capital = 1e28m, feePerUnit = decimal.MaxValue });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJson();
        Assert.NotEmpty(problem.FieldErrors("capital"));
        Assert.NotEmpty(problem.FieldErrors("feePerUnit"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/strategies/too-rich")).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"buy-and-hold","instruments":["ERR"],"capital":"lots"}""", "capital")]
    [InlineData("""{"kind":"buy-and-hold","instruments":"ERR","capital":10}""", "instruments")]
    [InlineData("""{"kind":"buy-and-hold","instruments":["ERR"],"capital":10,"start":"yes"}""", "start")]
    [InlineData("""{"kind":"buy-and-hold","instruments":["ERR"],"capital":10,"alerts":{"maxDrawdown":"x"}}""", "alerts.maxDrawdown")]
    [InlineData("""{"kind":"sma-cross","parameters":{"fast":"ten"},"instruments":["ERR"],"capital":10}""", "parameters.fast")]
    [InlineData("""{"kind":"buy-and-hold",""", "body")]
    [InlineData("""not json""", "body")]
    public async Task Bad_json_and_wrong_types_are_400_naming_the_path(string body, string field)
    {
        using var http = factory.CreateClient();
        var response = await http.PostRaw("/api/v1/strategies", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJson();
        Assert.True(
            problem.FieldErrors(field).Length > 0 || (field == "body" && problem.GetProperty("errors").EnumerateObject().Any()),
            problem.ToString());
    }

    [Fact]
    public async Task Alert_thresholds_are_replaced_and_validated()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await http.PostJson("/api/v1/strategies", new { id = "alerts-1", kind = "buy-and-hold", instruments = new[] { "ALR" }, capital = 1000m })).StatusCode);
        var put = await http.PutAsync("/api/v1/strategies/alerts-1/alerts", System.Net.Http.Json.JsonContent.Create(new { maxDrawdown = 0.2, dailyLoss = 50m, minWinRate = 0.4, minTrades = 5 }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await put.Read<Features.Alerts.StrategyAlerts>();
        Assert.Equal(new GrainInterfaces.Alerts.AlertThresholds(0.2, 50m, 0.4, 5), body.Thresholds);
        Assert.Empty(body.Raised);
        Assert.Equal(body.Thresholds, (await (await http.GetAsync("/api/v1/strategies/alerts-1/alerts")).Read<Features.Alerts.StrategyAlerts>()).Thresholds);

        var bad = await http.PutAsync("/api/v1/strategies/alerts-1/alerts", System.Net.Http.Json.JsonContent.Create(new { maxDrawdown = 1.5, minTrades = 0 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ReadJson();
        Assert.NotEmpty(problem.FieldErrors("maxDrawdown"));
        Assert.NotEmpty(problem.FieldErrors("minTrades"));
    }

    private sealed class DetailsComparer : IEqualityComparer<StrategyDetails>
    {
        public bool Equals(StrategyDetails? x, StrategyDetails? y)
            => x is not null && y is not null && x.Id == y.Id && x.Status == y.Status && x.Summary with { Instruments = [] } == y.Summary with { Instruments = [] }
                && x.Definition.Kind == y.Definition.Kind && x.Definition.Capital == y.Definition.Capital;

        public int GetHashCode(StrategyDetails obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
