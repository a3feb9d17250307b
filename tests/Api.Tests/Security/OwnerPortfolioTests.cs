using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.Api.Tests.Realtime;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>
/// The portfolio and the live overview per owner: alice (two strategies) and bob (one) trade the same replayed bars;
/// each one's portfolio, its metrics buckets and its overview pushes hold its own strategies only, and equal the sum of
/// its strategies' own equity curves; the operator's are the whole cluster's.
/// </summary>
public sealed class OwnerPortfolioTests(OwnersApiFactory factory) : IClassFixture<OwnersApiFactory>
{
    private const string Symbol = "OWNP";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    private static Dictionary<string, string> Key(string key) => new() { ["X-Api-Key"] = key };

    [Fact]
    public async Task Each_owner_gets_its_own_portfolio_metrics_and_live_overview()
    {
        await Create(OwnersApiFactory.Alice, "ownp-a1", 1_000m);
        await Create(OwnersApiFactory.Alice, "ownp-a2", 3_000m);
        await Create(OwnersApiFactory.Bob, "ownp-b1", 10_000m);

        await using var aliceHub = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Alice));
        await using var bobHub = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Bob));
        await using var olgaHub = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Olga));
        await aliceHub.InvokeAsync("Join", "overview");
        await bobHub.InvokeAsync("Join", "overview");
        await olgaHub.InvokeAsync("Join", "overview");
        Assert.Equal(["ownp-a1", "ownp-a2"], MetricsIds(aliceHub));
        Assert.Equal(["ownp-b1"], MetricsIds(bobHub));
        Assert.Equal(["ownp-a1", "ownp-a2", "ownp-b1"], MetricsIds(olgaHub));

        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var started = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, Symbol, 0));
        var ids = new[] { "ownp-a1", "ownp-a2", "ownp-b1" };
        await Task.WhenAll(ids.Select(id => cluster.GetGrain<IStrategyGrain>(id).WaitForBars(started.TotalBars))).WaitAsync(Wait);
        var curves = new Dictionary<string, EquityPoint[]>();
        foreach (var id in ids)
        {
            curves[id] = [.. await cluster.GetGrain<IStrategyGrain>(id).GetEquityCurve()];
        }

        var lastBar = curves["ownp-a1"][^1].Time;
        foreach (var (owner, key, own) in new[] { ("alice", OwnersApiFactory.Alice, new[] { "ownp-a1", "ownp-a2" }), ("bob", OwnersApiFactory.Bob, new[] { "ownp-b1" }) })
        {
            var portfolio = cluster.GetGrain<IPortfolioGrain>(IPortfolioGrain.OwnerKey(owner));
            var marked = await portfolio.WaitForMarks(lastBar).WaitAsync(Wait);

            // Independently: the owner's strategies' equity summed at each bar (they trade the same bars).
            var sums = curves[own[0]].Select((p, i) => (p.Time, Equity: own.Sum(id => curves[id][i].Equity))).ToArray();
            using var http = factory.Client(key);
            var rest = await (await http.GetAsync("/api/v1/portfolio")).ReadJson();
            Assert.Equal(own.Length, rest.GetProperty("strategies").GetInt32());
            Assert.Equal(own.Sum(Capital), rest.GetProperty("initialCapital").GetDecimal());
            Assert.Equal(sums[^1].Equity, rest.GetProperty("equity").GetDecimal());
            Assert.Equal(lastBar, rest.GetProperty("markedThroughUtc").GetDateTimeOffset());
            Assert.Equal(sums[^1].Equity, rest.GetProperty("metrics").GetProperty("endEquity").GetDecimal());
            Assert.Equal(marked.Metrics!.EndEquity, rest.GetProperty("metrics").GetProperty("endEquity").GetDecimal());

            // The owner's daily buckets: one per bar date, each ending at the sum of the owner's equity that day.
            var daily = await cluster.GetGrain<IMetricsBucketGrain>($"{IPortfolioGrain.OwnerKey(owner)}/daily").GetPeriods(null, null);
            Assert.Equal(sums.Length, daily.Length);
            Assert.Equal(sums.Select(s => s.Equity).ToArray(), daily.Select(d => d.EndEquity!.Value).ToArray());
            var restDaily = await (await http.GetAsync("/api/v1/portfolio/metrics?level=daily")).ReadJson();
            Assert.Equal(daily.Length, restDaily.GetProperty("periods").GetArrayLength());

            // The live overview: the final portfolio mark is the owner's, and no other owner's strategy was pushed.
            var hub = owner == "alice" ? aliceHub : bobHub;
            await hub.WaitUntilAsync(all => PortfolioPoints(all).Any(p => p.GetProperty("time").GetDateTimeOffset() == lastBar), Wait);
            var final = PortfolioPoints(hub.Events()).Last(p => p.GetProperty("time").GetDateTimeOffset() == lastBar);
            Assert.Equal(sums[^1].Equity, final.GetProperty("equity").GetDecimal());
            Assert.Equal(own, MetricsIds(hub));
        }

        // The operator's portfolio and overview are the whole cluster's.
        var whole = await cluster.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).WaitForMarks(lastBar).WaitAsync(Wait);
        decimal total = ids.Sum(id => curves[id][^1].Equity);
        Assert.Equal(total, whole.Equity);
        using (var olga = factory.Client(OwnersApiFactory.Olga))
        {
            Assert.Equal(total, (await (await olga.GetAsync("/api/v1/portfolio")).ReadJson()).GetProperty("equity").GetDecimal());
        }

        await olgaHub.WaitUntilAsync(all => PortfolioPoints(all).Any(p => p.GetProperty("time").GetDateTimeOffset() == lastBar), Wait);
        Assert.Equal(total, PortfolioPoints(olgaHub.Events()).Last(p => p.GetProperty("time").GetDateTimeOffset() == lastBar).GetProperty("equity").GetDecimal());

        // A late joiner gets its own overview's state at once: its strategies and its portfolio's latest mark.
        await using var late = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Bob));
        await late.InvokeAsync("Join", "overview");
        Assert.Equal(["ownp-b1"], MetricsIds(late));
        var state = Assert.Single(PortfolioPoints(late.Events()));
        Assert.Equal(curves["ownp-b1"][^1].Equity, state.GetProperty("equity").GetDecimal());

        // Leaving the overview stops its pushes and forgets the group.
        await late.InvokeAsync("Leave", "overview");
        Assert.Equal(1, factory.Services.GetRequiredService<DashboardNotifier>().MemberCount("overview@bob"));
    }

    private static decimal Capital(string id) => id switch { "ownp-a1" => 1_000m, "ownp-a2" => 3_000m, _ => 10_000m };

    private async Task Create(string key, string id, decimal capital)
    {
        using var http = factory.Client(key);
        var created = await http.PostJson("/api/v1/strategies", new { id, kind = "buy-and-hold", instruments = new[] { Symbol }, capital });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode); // a created strategy starts at once
    }

    /// <summary>The ids of every strategy in the <c>metrics</c> events received, sorted.</summary>
    private static string[] MetricsIds(HubTestClient hub)
        => [.. hub.Events(DashboardEvents.Metrics).SelectMany(e => e.Argument.EnumerateArray()).Select(s => s.GetProperty("id").GetString()!).Distinct().Order(StringComparer.Ordinal)];

    private static IEnumerable<JsonElement> PortfolioPoints(IReadOnlyList<HubEvent> events)
        => events.Where(e => e.Target == DashboardEvents.Equity && e.Argument.GetProperty("strategyId").GetString() == EquityUpdate.Portfolio)
            .SelectMany(e => e.Argument.GetProperty("points").EnumerateArray());
}
