using System.Net;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Features.Portfolio;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Portfolio;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Overview and portfolio endpoints after a full replay.</summary>
public sealed class PortfolioApiTests(ReplayedStrategyFixture fixture) : IClassFixture<ReplayedStrategyFixture>
{
    [Fact]
    public async Task Overview_ranks_strategies_and_carries_alerts_and_replay()
    {
        using var http = fixture.CreateClient();
        var overview = await (await http.GetAsync("/api/v1/overview")).Read<Overview>();
        Assert.Equal(overview.Strategies.OrderByDescending(s => s.NetPnl).Select(s => s.Id), overview.Strategies.Select(s => s.Id));
        Assert.Contains(overview.Strategies, s => s.Id == ReplayedStrategyFixture.Fast);
        Assert.Equal(ReplayState.Completed, overview.Replay.State);
        Assert.NotEmpty(overview.Alerts);
        Assert.True(overview.Alerts.Count <= 50);

        var byId = await (await http.GetAsync("/api/v1/overview?sort=id&order=asc")).Read<Overview>();
        Assert.Equal(byId.Strategies.Select(s => s.Id).Order(StringComparer.Ordinal), byId.Strategies.Select(s => s.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/overview?order=sideways")).StatusCode);
    }

    [Fact]
    public async Task Portfolio_totals_equal_the_sum_of_the_strategies()
    {
        using var http = fixture.CreateClient();
        var overview = await (await http.GetAsync("/api/v1/overview")).Read<Overview>();
        // The portfolio folds the strategies' update stream asynchronously: wait until it has seen their last updates.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        PortfolioSnapshot portfolio;
        while ((portfolio = await (await http.GetAsync("/api/v1/portfolio")).Read<PortfolioSnapshot>()).Equity != overview.Strategies.Sum(s => s.Equity))
        {
            Assert.True(DateTime.UtcNow < deadline, $"portfolio never caught up: {portfolio}");
            await Task.Delay(20);
        }

        Assert.Equal(overview.Strategies.Count, portfolio.Strategies);
        Assert.Equal(overview.Strategies.Sum(s => s.Equity), portfolio.Equity);
        Assert.Equal(overview.Strategies.Sum(s => s.Cash), portfolio.Cash);
        Assert.Equal(overview.Strategies.Sum(s => s.Trades), portfolio.Trades);

        var metrics = await http.GetAsync("/api/v1/portfolio/metrics?level=yearly");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("yearly", (await metrics.Read<MetricsPeriods>()).Level);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/portfolio/metrics?level=minutely")).StatusCode);
    }
}
