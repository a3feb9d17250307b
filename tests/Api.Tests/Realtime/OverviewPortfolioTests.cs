using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>
/// The overview's portfolio equity, in a host of its own: portfolio marks are final only once every running strategy
/// has reported a time, so strategies of other tests (e.g. one whose replay was stopped) must not be members.
/// </summary>
public sealed class OverviewPortfolioTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _factory;

    public OverviewPortfolioTests(ApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_overview_gets_the_portfolio_equity_marks_and_its_latest_mark_on_join()
    {
        _ = _factory.Server;
        var cluster = _factory.Services.GetRequiredService<IClusterClient>();
        var replay = _factory.Services.GetRequiredService<MarketReplayService>();
        var strategy = cluster.GetGrain<IStrategyGrain>("rt-portfolio");
        await strategy.Create(new StrategySettings("buy-and-hold", [InstrumentId.Parse("RTP")], Timeframe.OneDay, 100_000m));
        await strategy.Start();
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);
        await hub.InvokeAsync("Join", "overview");
        int joined = hub.Count;

        var started = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "RTP", 0));
        await strategy.WaitForBars(started.TotalBars).WaitAsync(TimeSpan.FromSeconds(90));
        var final = await strategy.GetSnapshot();
        var events = await hub.WaitUntilAsync(
            all => all.Skip(joined).Any(e => e.Target == DashboardEvents.Equity
                && e.Argument.GetProperty("strategyId").GetString() == EquityUpdate.Portfolio
                && e.Argument.GetProperty("points").EnumerateArray().Any(p => p.GetProperty("time").GetDateTimeOffset() == final.LastBarTime)),
            TimeSpan.FromSeconds(90));

        var portfolio = await cluster.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).GetSnapshot();
        // The push carrying the final mark: on a busy machine the flush loop may coalesce several marks into it, so the
        // point is found by its time rather than assumed to be the push's only one.
        var pushed = events.Skip(joined).Last(e => e.Target == DashboardEvents.Equity
            && e.Argument.GetProperty("strategyId").GetString() == EquityUpdate.Portfolio
            && e.Argument.GetProperty("points").EnumerateArray().Any(p => p.GetProperty("time").GetDateTimeOffset() == final.LastBarTime)).Argument;
        Assert.Equal(EquityUpdate.Portfolio, pushed.GetProperty("strategyId").GetString());
        var point = Assert.Single(pushed.GetProperty("points").EnumerateArray(), p => p.GetProperty("time").GetDateTimeOffset() == final.LastBarTime);
        Assert.Equal(portfolio.Metrics!.EndEquity, point.GetProperty("equity").GetDecimal());
        Assert.Equal(final.Equity, point.GetProperty("equity").GetDecimal());

        await using var late = await HubTestClient.ConnectAsync(_factory.Server);
        await late.InvokeAsync("Join", "overview");
        var state = late.Events(DashboardEvents.Equity).Select(e => e.Argument).First(a => a.GetProperty("strategyId").GetString() == EquityUpdate.Portfolio);
        Assert.Equal(final.LastBarTime, state.GetProperty("points")[0].GetProperty("time").GetDateTimeOffset());
    }
}
