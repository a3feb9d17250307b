using System.Security.Claims;
using TradingRobotPlug.Api.Features.Alerts;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Security;
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
        v1.MapGet("/portfolio", async (IClusterClient client, ClaimsPrincipal user) => TypedResults.Ok(await Portfolio(client, user)))
            .WithTags("Portfolio").WithName("GetPortfolio")
            .WithSummary("Portfolio totals over the caller's strategies; with all-time metrics and marks for an operator (the whole cluster's portfolio).")
            .Produces<PortfolioSnapshot>();
        v1.MapGet("/portfolio/metrics", (IClusterClient client, string? level, DateTimeOffset? from, DateTimeOffset? to) => MetricsQuery.Read(client, IPortfolioGrain.Key, level, from, to))
            .RequireAuthorization(TradingPolicies.Operate)
            .WithTags("Portfolio").WithName("GetPortfolioMetrics").WithSummary("The whole cluster's portfolio metrics buckets of one level (default all_time) whose period starts in [from, to); operators only.")
            .Produces<MetricsPeriods>().ProducesValidationProblem();
        return v1;
    }

    /// <summary>
    /// The portfolio <paramref name="user"/> sees: for an operator (everyone's strategies, also the one-user demo) the
    /// portfolio grain's snapshot, with time-weighted metrics and marks; for any other owner the totals over its own
    /// strategies (count, capital, cash, equity, net P&amp;L, trades), without metrics or marks, which the portfolio grain
    /// keeps only for the whole cluster so far.
    /// </summary>
    public static async Task<PortfolioSnapshot> Portfolio(IClusterClient client, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        if (user.ReadsEveryone())
        {
            return await client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).GetSnapshot();
        }

        var own = await StrategiesApi.Readable(client, user);
        decimal capital = own.Sum(s => s.Settings?.InitialCapital ?? 0m);
        decimal equity = own.Sum(s => s.Equity);
        return new PortfolioSnapshot(own.Count, capital, own.Sum(s => s.Cash), equity, equity - capital, own.Sum(s => (long)s.Trades), null, null);
    }

    private static async Task<IResult> GetOverview(IClusterClient client, ClaimsPrincipal user, MarketReplayService replay, string? sort, string? order)
    {
        var key = string.IsNullOrWhiteSpace(sort) ? "netPnl" : sort.Trim();
        var errors = StrategiesApi.CheckSort(key, order);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var alertsTask = AlertsApi.All(client, user);
        var portfolio = Portfolio(client, user);
        var strategies = StrategiesApi.AllSummaries(client, user);
        var ranked = StrategyRanking.Sort(await strategies, key, (order ?? "desc") == "desc");
        var alerts = await alertsTask;
        return TypedResults.Ok(new Overview(ranked, await portfolio, [.. alerts.Take(OverviewAlerts)], replay.Status));
    }
}
