using TradingRobotPlug.Api.Features.Alerts;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Portfolio;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Portfolio;

/// <summary>The overview and portfolio endpoints of docs/api.md.</summary>
public static class PortfolioApi
{
    private const int OverviewAlerts = 50;

    /// <summary>Maps <c>/overview</c>, <c>/portfolio</c> and <c>/portfolio/metrics</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapPortfolioApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/overview", GetOverview).WithTags("Portfolio").WithName("GetOverview")
            .WithSummary("Every strategy ranked (sort, order; default netPnl desc), portfolio totals, the latest 50 alerts and the replay status.")
            .Produces<Overview>().ProducesValidationProblem();
        v1.MapGet("/portfolio", async (IClusterClient client) => TypedResults.Ok(await client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).GetSnapshot()))
            .WithTags("Portfolio").WithName("GetPortfolio").WithSummary("Portfolio totals and all-time metrics.").Produces<PortfolioSnapshot>();
        v1.MapGet("/portfolio/metrics", (IClusterClient client, string? level, DateTimeOffset? from, DateTimeOffset? to) => MetricsQuery.Read(client, IPortfolioGrain.Key, level, from, to))
            .WithTags("Portfolio").WithName("GetPortfolioMetrics").WithSummary("Portfolio metrics buckets of one level (default all_time) whose period starts in [from, to).")
            .Produces<MetricsPeriods>().ProducesValidationProblem();
        return v1;
    }

    private static async Task<IResult> GetOverview(IClusterClient client, MarketReplayService replay, string? sort, string? order)
    {
        var key = string.IsNullOrWhiteSpace(sort) ? "netPnl" : sort.Trim();
        var errors = StrategiesApi.CheckSort(key, order);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var alertsTask = AlertsApi.All(client);
        var portfolio = client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).GetSnapshot();
        var strategies = StrategiesApi.AllSummaries(client);
        var ranked = StrategyRanking.Sort(await strategies, key, (order ?? "desc") == "desc");
        var alerts = await alertsTask;
        return TypedResults.Ok(new Overview(ranked, await portfolio, [.. alerts.Take(OverviewAlerts)], replay.Status));
    }
}
