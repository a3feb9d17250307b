using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Tests.Rest;

public sealed class HealthAndReplaySmokeTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory;

    public HealthAndReplaySmokeTests(ApiFactory factory) => _factory = factory;

    [Fact]
    public async Task Health_endpoints_answer_once_the_silo_is_up()
    {
        using var http = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var http = _factory.CreateClient();
        var doc = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");
        Assert.Equal("3.1.1", doc.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task A_full_speed_replay_reaches_every_strategy_and_a_second_start_resumes_after_the_last_bar()
    {
        _ = _factory.Server;
        var client = _factory.Services.GetRequiredService<IClusterClient>();
        var replay = _factory.Services.GetRequiredService<MarketReplayService>();
        var strategy = client.GetGrain<IStrategyGrain>("smoke-bh");
        await strategy.Create(new StrategySettings("buy-and-hold", [InstrumentId.Parse("SMK")], Timeframe.OneDay, 100_000m));
        await strategy.Start();

        var started = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "SMK", 0));
        Assert.Equal(ReplayState.Running, started.State);
        Assert.Equal(0, started.PublishedBars);
        await strategy.WaitForBars(started.TotalBars).WaitAsync(TimeSpan.FromSeconds(60));
        var done = await WaitUntil(replay, s => s.State == ReplayState.Completed);
        Assert.Equal(started.TotalBars, done.PublishedBars);
        Assert.Equal(100, done.Percent);

        var again = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "SMK", 0));
        Assert.Equal(again.TotalBars, again.PublishedBars);
        var snapshot = await strategy.GetSnapshot();
        Assert.Equal(started.TotalBars, snapshot.BarsProcessed);
    }

    private static async Task<ReplayStatus> WaitUntil(MarketReplayService replay, Func<ReplayStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done(replay.Status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"replay stuck: {replay.Status}");
            await Task.Delay(20);
        }

        return replay.Status;
    }
}
