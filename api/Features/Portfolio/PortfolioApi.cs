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
            .WithSummary("The caller's portfolio: totals, all-time metrics and the latest mark over its own strategies (an operator's: the whole cluster's).")
            .Produces<PortfolioSnapshot>();
        v1.MapGet("/portfolio/metrics", async (IClusterClient client, ClaimsPrincipal user, string? level, DateTimeOffset? from, DateTimeOffset? to)
                => await MetricsQuery.Read(client, await EnsureScopeAsync(client, user), level, from, to))
            .WithTags("Portfolio").WithName("GetPortfolioMetrics")
            .WithSummary("The caller's portfolio metrics buckets (an operator's: the whole cluster's) of one level (default all_time) whose period starts in [from, to).")
            .Produces<MetricsPeriods>().ProducesValidationProblem();
        return v1;
    }

    /// <summary>
    /// The portfolio <paramref name="user"/> sees: for an operator (everyone's strategies, also the one-user demo) the
    /// whole cluster's portfolio grain <see cref="IPortfolioGrain.Key"/>; for any other owner its own portfolio grain
    /// <see cref="IPortfolioGrain.OwnerKey"/> (ensured first: idempotent, and it takes in the owner's strategies when it
    /// was not running yet), with the totals, time-weighted metrics and marks of its own strategies only.
    /// </summary>
    public static async Task<PortfolioSnapshot> Portfolio(IClusterClient client, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        return await client.GetGrain<IPortfolioGrain>(await EnsureScopeAsync(client, user)).GetSnapshot();
    }

    /// <summary>The key (and metrics scope) of the portfolio <paramref name="user"/> sees, ensured when it is an owner's.</summary>
    private static async Task<string> EnsureScopeAsync(IClusterClient client, ClaimsPrincipal user)
    {
        if (user.ReadsEveryone())
        {
            return IPortfolioGrain.Key;
        }

        var key = IPortfolioGrain.OwnerKey(user.Owner());
        await client.GetGrain<IPortfolioGrain>(key).Ensure();
        return key;
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
