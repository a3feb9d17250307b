using System.Net;
using System.Text.Json;
using TradingRobotPlug.Api.Features.Alerts;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Per-strategy read endpoints after a full replay, checked against numbers derived independently from other endpoints.</summary>
public sealed class StrategyDataApiTests(ReplayedStrategyFixture fixture) : IClassFixture<ReplayedStrategyFixture>
{
    private const string Base = "/api/v1/strategies/" + ReplayedStrategyFixture.Fast;

    [Fact]
    public async Task Benchmark_figures_are_in_the_summary_the_definition_and_every_metrics_period_in_camel_case()
    {
        using var http = fixture.CreateClient();
        var details = await (await http.GetAsync(Base)).ReadJson();
        Assert.Equal(ReplayedStrategyFixture.Symbol, details.GetProperty("definition").GetProperty("benchmark").GetString());
        var summary = details.GetProperty("summary");
        Assert.Equal(ReplayedStrategyFixture.Symbol, summary.GetProperty("benchmark").GetString());
        foreach (var field in new[] { "excessReturn", "alpha", "beta", "correlation", "trackingError", "informationRatio", "upCapture", "downCapture", "realizedPnl" })
        {
            Assert.Equal(JsonValueKind.Number, summary.GetProperty(field).ValueKind);
        }

        var yearly = await (await http.GetAsync(Base + "/metrics?level=yearly")).ReadJson();
        foreach (var period in yearly.GetProperty("periods").EnumerateArray())
        {
            foreach (var field in new[] { "alpha", "beta", "correlation", "trackingError", "informationRatio", "upCapture", "downCapture", "excessReturn", "benchmarkTotalReturn", "netPnl", "realizedPnl" })
            {
                Assert.True(period.TryGetProperty(field, out _), $"metrics period without {field}");
            }

            // Net P&L is marked: the equity change of the period, whatever closed in it.
            Assert.Equal(period.GetProperty("endEquity").GetDecimal() - period.GetProperty("startEquity").GetDecimal(), period.GetProperty("netPnl").GetDecimal());
        }

        var portfolio = await (await http.GetAsync("/api/v1/portfolio/metrics")).ReadJson();
        Assert.Equal(JsonValueKind.Number, Assert.Single(portfolio.GetProperty("periods").EnumerateArray()).GetProperty("beta").ValueKind);
    }

    [Fact]
    public async Task Every_equity_point_carries_the_benchmark_equity_whose_growth_is_the_benchmark_return_of_the_metrics()
    {
        using var http = fixture.CreateClient();
        var points = (await (await http.GetAsync(Base + "/equity")).ReadJson()).GetProperty("points");
        Assert.All(points.EnumerateArray(), p => Assert.Equal(JsonValueKind.Number, p.GetProperty("benchmarkEquity").ValueKind));
        var yearly = (await (await http.GetAsync(Base + "/metrics?level=yearly")).ReadJson()).GetProperty("periods");

        // Each year's benchmark return is the growth of the curve's benchmark equity from the year's opening (the
        // previous year's last point, or the capital for the first year) to its last point.
        var byYear = points.EnumerateArray().GroupBy(p => p.GetProperty("time").GetDateTimeOffset().Year).ToDictionary(g => g.Key, g => g.Last().GetProperty("benchmarkEquity").GetDecimal());
        decimal opening = 100_000m;
        foreach (var period in yearly.EnumerateArray())
        {
            var year = period.GetProperty("period").GetProperty("start").GetDateTimeOffset().Year;
            Assert.Equal(period.GetProperty("benchmarkTotalReturn").GetDouble(), (double)(byYear[year] / opening) - 1, 9);
            opening = byYear[year];
        }

        // Thinned for a chart, a point keeps its benchmark equity.
        var sampled = (await (await http.GetAsync(Base + "/equity?maxPoints=10")).ReadJson()).GetProperty("points");
        var full = points.EnumerateArray().ToDictionary(p => p.GetProperty("time").GetDateTimeOffset(), p => p.GetProperty("benchmarkEquity").GetDecimal());
        Assert.All(sampled.EnumerateArray(), p => Assert.Equal(full[p.GetProperty("time").GetDateTimeOffset()], p.GetProperty("benchmarkEquity").GetDecimal()));
    }

    [Fact]
    public async Task Snapshot_details_and_equity_curve_agree()
    {
        using var http = fixture.CreateClient();
        var snapshot = await (await http.GetAsync(Base + "/snapshot")).Read<StrategySnapshot>();
        var details = await (await http.GetAsync(Base)).Read<StrategyDetails>();
        var curve = await (await http.GetAsync(Base + "/equity")).Read<EquityCurve>();

        Assert.Equal(fixture.Replay.TotalBars, snapshot.BarsProcessed);
        Assert.Equal(fixture.Replay.TotalBars, curve.Points.Count);
        Assert.Equal(snapshot.Equity, curve.Points[^1].Equity);
        Assert.Equal(snapshot.Equity, details.Summary.Equity);
        Assert.Equal(snapshot.Equity - 100_000m, details.Summary.NetPnl);
        Assert.Equal(StrategyStatus.Running, details.Status);
        Assert.Equal("sma-cross", details.Definition.Kind);
        Assert.Equal(5, details.Definition.Parameters!["fast"].GetDouble());
        Assert.False(details.Definition.Parameters["short"].GetBoolean());
        Assert.Equal(snapshot.Metrics!.TotalReturn, details.Summary.TotalReturn);

        // Drawdown recomputed from the equity values alone.
        decimal peak = 0m;
        double maxDrawdown = 0;
        foreach (var point in curve.Points)
        {
            peak = Math.Max(peak, point.Equity);
            var expected = (double)(1m - (point.Equity / peak));
            Assert.Equal(expected, point.Drawdown, 12);
            maxDrawdown = Math.Max(maxDrawdown, expected);
        }

        Assert.True(maxDrawdown > 0);
        Assert.Equal(snapshot.Metrics.MaxDrawdown!.Value, maxDrawdown, 9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(97)]
    public async Task Downsampled_equity_keeps_the_ends_and_the_true_max_drawdown(int maxPoints)
    {
        using var http = fixture.CreateClient();
        var full = await (await http.GetAsync(Base + "/equity")).Read<EquityCurve>();
        var sampled = await (await http.GetAsync($"{Base}/equity?maxPoints={maxPoints}")).Read<EquityCurve>();

        Assert.Equal(maxPoints, sampled.Points.Count);
        Assert.Equal(full.Points[0], sampled.Points[0]);
        Assert.Equal(full.Points[^1], sampled.Points[^1]);
        Assert.Equal(full.Points.Max(p => p.Drawdown), sampled.Points.Max(p => p.Drawdown));
        Assert.All(sampled.Points, p => Assert.Contains(p, full.Points));
        Assert.Equal(sampled.Points.OrderBy(p => p.Time), sampled.Points);
    }

    [Fact]
    public async Task Equity_rejects_maxPoints_below_two()
    {
        using var http = fixture.CreateClient();
        var response = await http.GetAsync(Base + "/equity?maxPoints=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJson()).FieldErrors("maxPoints"));
    }

    [Fact]
    public async Task Trade_pages_concatenate_to_the_full_list_and_filters_match()
    {
        using var http = fixture.CreateClient();
        var full = await (await http.GetAsync(Base + "/trades?limit=1000")).Read<TradePage>();
        var snapshot = await (await http.GetAsync(Base + "/snapshot")).Read<StrategySnapshot>();
        Assert.Null(full.NextCursor);
        Assert.Equal(snapshot.Trades, full.Items.Count(t => !t.IsOpen));
        Assert.True(full.Items.Count > 10);

        var paged = new List<TradeRecord>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var url = $"{Base}/trades?limit=7" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await http.GetAsync(url)).Read<TradePage>();
            Assert.True(page.Items.Count <= 7);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(full.Items, paged);
        Assert.Equal((full.Items.Count + 6) / 7, pages);

        var from = full.Items[3].EntryTime;
        var to = full.Items[9].EntryTime;
        var window = await (await http.GetAsync($"{Base}/trades?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).Read<TradePage>();
        Assert.Equal(full.Items.Where(t => t.EntryTime >= from && t.EntryTime < to), window.Items);

        var other = await (await http.GetAsync($"{Base}/trades?instrument=OTHER")).Read<TradePage>();
        Assert.Empty(other.Items);
        var same = await (await http.GetAsync($"{Base}/trades?instrument=rst&limit=1000")).Read<TradePage>();
        Assert.Equal(full.Items, same.Items);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=%25%25%25", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("instrument=bad%20symbol", "instrument")]
    public async Task Trades_reject_bad_queries(string query, string field)
    {
        using var http = fixture.CreateClient();
        var response = await http.GetAsync($"{Base}/trades?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJson()).FieldErrors(field));
    }

    [Fact]
    public async Task Metrics_buckets_add_up_to_the_all_time_figures()
    {
        using var http = fixture.CreateClient();
        var yearly = await (await http.GetAsync(Base + "/metrics?level=yearly")).Read<MetricsPeriods>();
        var allTime = await (await http.GetAsync(Base + "/metrics")).Read<MetricsPeriods>();
        var snapshot = await (await http.GetAsync(Base + "/snapshot")).Read<StrategySnapshot>();

        Assert.Equal("yearly", yearly.Level);
        Assert.Equal("all_time", allTime.Level);
        Assert.Equal(21, yearly.Periods.Count);
        Assert.Equal(snapshot.Trades, yearly.Periods.Sum(p => p.Trades));
        Assert.Equal(snapshot.Metrics!.RealizedPnl, yearly.Periods.Sum(p => p.RealizedPnl));
        Assert.Equal(snapshot.Metrics.Trades, Assert.Single(allTime.Periods).Trades);

        var range = await (await http.GetAsync(Base + "/metrics?level=yearly&from=2005-01-01T00:00:00Z&to=2010-01-01T00:00:00Z")).Read<MetricsPeriods>();
        Assert.Equal([2005, 2006, 2007, 2008, 2009], range.Periods.Select(p => p.Period.Start.Year));

        var bad = await http.GetAsync(Base + "/metrics?level=fortnightly");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty((await bad.ReadJson()).FieldErrors("level"));
    }

    [Fact]
    public async Task Rejections_and_alerts_are_listed()
    {
        using var http = fixture.CreateClient();
        var rejections = await http.GetAsync(Base + "/rejections");
        Assert.Equal(HttpStatusCode.OK, rejections.StatusCode);
        var snapshot = await (await http.GetAsync(Base + "/snapshot")).Read<StrategySnapshot>();
        Assert.Equal(snapshot.RejectedOrders, (await rejections.ReadJson()).GetArrayLength());

        var alerts = await (await http.GetAsync(Base + "/alerts")).Read<StrategyAlerts>();
        Assert.Equal(0.05, alerts.Thresholds.MaxDrawdown);
        Assert.NotEmpty(alerts.Raised);
        Assert.All(alerts.Raised, a => Assert.True(a.Value >= 0.05));
        Assert.Equal(alerts.Raised.OrderByDescending(a => a.Time), alerts.Raised);

        var all = await (await http.GetAsync("/api/v1/alerts")).Read<JsonElement>();
        var mine = all.EnumerateArray().Where(a => a.GetProperty("strategy").GetString() == ReplayedStrategyFixture.Fast).ToList();
        Assert.Equal(alerts.Raised.Count, mine.Count);
    }

    [Fact]
    public async Task List_sorts_by_a_metric_and_pages()
    {
        using var http = fixture.CreateClient();
        var byEquity = await (await http.GetAsync("/api/v1/strategies?sort=equity&order=desc&pageSize=500")).Read<PagedResult<StrategySummary>>();
        var ids = byEquity.Items.Select(s => s.Id.ToString()).ToList();
        Assert.Contains(ReplayedStrategyFixture.Fast, ids);
        Assert.Contains(ReplayedStrategyFixture.Hold, ids);
        Assert.Equal(byEquity.Items.OrderByDescending(s => s.Equity).Select(s => s.Equity), byEquity.Items.Select(s => s.Equity));
        Assert.Equal(byEquity.Total, byEquity.Items.Count);

        var pages = new List<StrategySummary>();
        for (int page = 1; page <= byEquity.Total; page++)
        {
            var one = await (await http.GetAsync($"/api/v1/strategies?sort=equity&order=desc&pageSize=1&page={page}")).Read<PagedResult<StrategySummary>>();
            Assert.Equal(page, one.Page);
            pages.AddRange(one.Items);
        }

        Assert.Equal(ids, pages.Select(s => s.Id.ToString()));

        var bad = await http.GetAsync("/api/v1/strategies?sort=luck");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty((await bad.ReadJson()).FieldErrors("sort"));
        var badSize = await http.GetAsync("/api/v1/strategies?pageSize=501");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        var wrongType = await http.GetAsync("/api/v1/strategies?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty((await wrongType.ReadJson()).FieldErrors("page"));
    }
}
