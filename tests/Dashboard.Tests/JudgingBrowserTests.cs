using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TradingRobotPlug.Dashboard.Tests.Infrastructure;
using TradingRobotPlug.Grains.Strategies;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

// The two collections each run a server and a browser: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TradingRobotPlug.Dashboard.Tests;

/// <summary>
/// The judging pages in the browser (issue 11: compare, experiment page, strategy page panels, overview cards, speed).
/// Expected values come from the REST API and are recomputed here where the page derives them (correlations).
/// </summary>
[Collection(JudgingCollection.Name)]
public sealed class JudgingBrowserTests(JudgingServer fixture, ITestOutputHelper output)
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;
    private DashboardServer Server => fixture.Server;

    [Fact]
    public async Task Compare_three_strategies_shows_the_APIs_metrics_and_the_correlations_of_their_daily_returns()
    {
        await fixture.EnsureReplayedAsync();
        string[] ids = ["sma-cross-50-200", "bollinger-reversion-20-2", "buy-and-hold"];
        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        await page.GotoAsync("/compare");
        foreach (var id in ids)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = id, Exact = true }).CheckAsync();
        }

        var allTime = page.GetByRole(AriaRole.Table, new() { Name = "All-time metrics" });
        await Expect(allTime.GetByRole(AriaRole.Columnheader)).ToHaveCountAsync(ids.Length + 1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/compare\?ids="));

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var curves = new Dictionary<string, SortedDictionary<string, double>>();
        foreach (var id in ids)
        {
            var m = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{id}/metrics?level=all_time")).GetProperty("periods")[0];
            await Expect(Cell(allTime, "sharpe", id)).ToHaveTextAsync(Ratio(m.GetProperty("sharpe")));
            await Expect(Cell(allTime, "totalReturn", id)).ToHaveTextAsync(Pct(m.GetProperty("totalReturn")));
            await Expect(Cell(allTime, "maxDrawdown", id)).ToHaveTextAsync(Pct(m.GetProperty("maxDrawdown")));
            await Expect(Cell(allTime, "trades", id)).ToHaveTextAsync(m.GetProperty("trades").GetInt64().ToString("N0", En));
            await Expect(Cell(allTime, "valueAtRisk95", id)).ToHaveTextAsync(Pct(m.GetProperty("valueAtRisk95")));
            await Expect(Cell(allTime, "endEquity", id)).ToHaveTextAsync(m.GetProperty("endEquity").GetDecimal().ToString("N2", En));

            // End-of-day equity by date, as the API's curve gives it (daily bars: one mark a date).
            var points = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{id}/equity")).GetProperty("points");
            var byDate = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in points.EnumerateArray())
            {
                byDate[p.GetProperty("time").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] = p.GetProperty("equity").GetDouble();
            }

            curves[id] = byDate;
        }

        // The correlation matrix: Pearson correlation of the daily returns over the dates every series has.
        var dates = curves.Values.Select(c => (IEnumerable<string>)c.Keys).Aggregate((a, b) => a.Intersect(b)).Order(StringComparer.Ordinal).ToArray();
        await Expect(page.GetByTestId("compare-window")).ToContainTextAsync($"{dates[0]} to {dates[^1]}");
        var returns = ids.ToDictionary(id => id, id => Enumerable.Range(1, dates.Length - 1).Select(i => (curves[id][dates[i]] / curves[id][dates[i - 1]]) - 1).ToArray());
        var matrix = page.GetByRole(AriaRole.Table, new() { Name = "Correlation matrix" });
        foreach (var a in ids)
        {
            foreach (var b in ids)
            {
                var expected = Pearson(returns[a], returns[b]);
                var cell = matrix.Locator($"td[data-row='{a}'][data-col='{b}']");
                await Expect(cell).ToHaveTextAsync(expected.ToString("N2", En));
                var shown = double.Parse(await cell.GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
                Assert.Equal(expected, shown, 1e-9);
            }
        }

        // The aligned window's return of each series: last / first end-of-day equity − 1.
        var window = page.GetByRole(AriaRole.Table, new() { Name = "Figures over the aligned window" });
        foreach (var id in ids)
        {
            var expected = (curves[id][dates[^1]] / curves[id][dates[0]]) - 1;
            var shown = double.Parse(await window.Locator($"td[data-key='ret'][data-series='{id}']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
            Assert.Equal(expected, shown, 1e-9);
        }

        // A chosen level: the yearly table shows the newest year of each strategy as the API has it.
        await page.GetByLabel("Level").SelectOptionAsync("yearly");
        var yearly = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{ids[0]}/metrics?level=yearly")).GetProperty("periods");
        var newest = yearly[yearly.GetArrayLength() - 1];
        var year = newest.GetProperty("period").GetProperty("start").GetDateTimeOffset().Year.ToString(CultureInfo.InvariantCulture);
        var levelTable = page.GetByRole(AriaRole.Table, new() { Name = $"yearly {year}" });
        await Expect(Cell(levelTable, "totalReturn", ids[0])).ToHaveTextAsync(Pct(newest.GetProperty("totalReturn")));

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Portfolio" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Benchmark (buy and hold)" }).CheckAsync();
        await Expect(page.GetByTestId("compare-series")).ToHaveCountAsync(ids.Length + 2);
        await session.ScreenshotAsync("compare", 1280, 800);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_experiment_page_shows_the_APIs_statistics_and_a_verdict_that_matches_its_p_value()
    {
        await fixture.EnsureReplayedAsync();
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var created = await http.PostAsJsonAsync("/api/v1/experiments", new { name = "judging cross", control = "sma-cross-50-200", treatment = "ema-cross-12-26" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var r = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/experiments/{id}")).GetProperty("result");
        Assert.True(r.GetProperty("days").GetInt64() > 1000);

        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        await page.GotoAsync($"/experiments/{id}");
        var stats = page.GetByRole(AriaRole.Table, new() { Name = "Statistics" });
        await Expect(stats.Locator("td[data-key='days']")).ToHaveTextAsync(r.GetProperty("days").GetInt64().ToString("N0", En));
        foreach (var key in new[] { "meanDifference", "pValue", "t", "sharpeDifferenceZ", "sharpeDifferenceP" })
        {
            Assert.Equal(r.GetProperty(key).GetDouble(), double.Parse(await stats.Locator($"td[data-key='{key}']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture));
        }

        var ci = (await stats.Locator("td[data-key='ci']").GetAttributeAsync("data-value"))!.Split(',');
        Assert.Equal(r.GetProperty("ciLow").GetDouble(), double.Parse(ci[0], CultureInfo.InvariantCulture));
        Assert.Equal(r.GetProperty("ciHigh").GetDouble(), double.Parse(ci[1], CultureInfo.InvariantCulture));
        if (r.GetProperty("daysNeeded").ValueKind == JsonValueKind.Number)
        {
            await Expect(stats.Locator("td[data-key='daysNeeded']")).ToHaveTextAsync(r.GetProperty("daysNeeded").GetInt64().ToString("N0", En));
        }

        foreach (var arm in new[] { "control", "treatment" })
        {
            var table = page.GetByRole(AriaRole.Table, new() { Name = $"{arm} figures" });
            await Expect(table.Locator("td[data-key='totalReturn']")).ToHaveTextAsync(Pct(r.GetProperty(arm).GetProperty("totalReturn")));
            await Expect(table.Locator("td[data-key='sharpe']")).ToHaveTextAsync(Ratio(r.GetProperty(arm).GetProperty("sharpe")));
        }

        // The verdict says "significant" exactly when p < 0.05, and either way quotes the p-value.
        var p = r.GetProperty("pValue").GetDouble();
        var verdict = page.GetByRole(AriaRole.Status);
        await Expect(verdict).ToHaveAttributeAsync("data-significant", p < 0.05 ? "true" : "false");
        await Expect(verdict).ToContainTextAsync(p < 0.0001 ? "p = < 0.0001" : $"p = {p.ToString("0.0000", CultureInfo.InvariantCulture)}");
        await Expect(verdict).ToContainTextAsync(p < 0.05 ? "not a guarantee" : "do not show them to be equal");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=experiment-diff-chart]').dataset.points) > 1000");
        await session.ScreenshotAsync("experiment", 1280, 800);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Exported_trades_are_the_APIs_trades_with_their_cumulative_PnL()
    {
        await fixture.EnsureReplayedAsync();
        const string id = "bollinger-reversion-20-2";
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var trades = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var pageJson = await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{id}/trades?limit=1000{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            trades.AddRange(pageJson.GetProperty("items").EnumerateArray());
            cursor = pageJson.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.True(trades.Count > 20);

        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        await page.GotoAsync($"/strategies/{id}");
        await Expect(page.GetByTestId("trades-count")).ToHaveTextAsync($"{trades.Count:N0} of {trades.Count:N0} trades");

        // Sorting and filtering: the losers only, then sorted by P&L ascending (the worst first).
        await page.GetByLabel("Result").SelectOptionAsync("loss");
        var losers = trades.Where(t => t.GetProperty("exitTime").ValueKind != JsonValueKind.Null && t.GetProperty("pnl").GetDecimal() < 0).ToList();
        await Expect(page.GetByTestId("trades-count")).ToHaveTextAsync($"{losers.Count:N0} of {trades.Count:N0} trades");
        await page.GetByRole(AriaRole.Button, new() { Name = "P&L", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "P&L", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("trades-table").Locator("th[data-key='pnl']")).ToHaveAttributeAsync("aria-sort", "ascending");
        var worst = losers.Min(t => t.GetProperty("pnl").GetDecimal());
        await Expect(page.GetByTestId("trade-row").First).ToContainTextAsync(worst.ToString("N2", En));
        await page.GetByLabel("Result").SelectOptionAsync("");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path, Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(trades.Count, lines.Length - 1);
        int Col(string name) => Array.IndexOf(header, name);

        // Exported in the order the API lists them (entry time); the cumulative P&L is the running sum of closed trades.
        decimal cumulative = 0;
        for (int i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            var row = lines[i + 1].Split(',');
            Assert.Equal(t.GetProperty("entryTime").GetString(), row[Col("entryTime")]);
            Assert.Equal(t.GetProperty("side").GetString(), row[Col("side")]);
            Assert.Equal(t.GetProperty("pnl").GetDecimal(), decimal.Parse(row[Col("pnl")], CultureInfo.InvariantCulture));
            Assert.Equal(t.GetProperty("quantity").GetDecimal(), decimal.Parse(row[Col("quantity")], CultureInfo.InvariantCulture));
            Assert.Equal(t.GetProperty("mae").GetDecimal(), decimal.Parse(row[Col("mae")], CultureInfo.InvariantCulture));
            Assert.Equal(t.GetProperty("mfe").GetDecimal(), decimal.Parse(row[Col("mfe")], CultureInfo.InvariantCulture));
            if (t.GetProperty("exitTime").ValueKind != JsonValueKind.Null)
            {
                Assert.Equal(t.GetProperty("exitTime").GetString(), row[Col("exitTime")]);
                cumulative += t.GetProperty("pnl").GetDecimal();
                Assert.Equal((double)cumulative, double.Parse(row[Col("cumulativePnl")], CultureInfo.InvariantCulture), 1e-6);
            }
        }

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_strategy_page_downloads_the_equity_curve_once_and_draws_all_of_it()
    {
        await fixture.EnsureReplayedAsync();
        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        var equityRequests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/strategies/sma-cross-50-200/equity", StringComparison.Ordinal))
            {
                equityRequests.Enqueue(r.Url);
            }
        };
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var curve = (await http.GetFromJsonAsync<JsonElement>("/api/v1/strategies/sma-cross-50-200/equity")).GetProperty("points").GetArrayLength();

        await page.GotoAsync("/strategies/sma-cross-50-200");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=daily-pnl-chart]').dataset.points) === {curve} && performance.getEntriesByName('strategy-joined').length");
        // The join state carries only the latest mark, so the curve is downloaded once; only when the join completed
        // after that download (a slow connection) is it downloaded again, to fill what came in between.
        bool joinedFirst = await page.EvaluateAsync<bool>("""
            () => performance.getEntriesByName('strategy-joined')[0].startTime
              < performance.getEntriesByType('resource').find(e => e.name.includes('/strategies/sma-cross-50-200/equity')).startTime
            """);
        Assert.Equal(joinedFirst ? 1 : 2, equityRequests.Count);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_all_time_row_equals_the_header_during_and_after_a_replay_and_every_panel_is_drawn()
    {
        const string id = "sma-cross-50-200";
        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        await page.GotoAsync($"/strategies/{id}");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("alltime-row")).ToBeVisibleAsync();

        // Record every moment the header and the all-time row disagree (they are drawn from one figures object).
        await page.EvaluateAsync("""
            () => {
              window.__mismatch = [];
              const pairs = [['strategy-trades', 'alltime-trades'], ['strategy-sharpe', 'alltime-sharpe'], ['strategy-return', 'alltime-totalReturn'],
                ['strategy-netpnl', 'alltime-netPnl'], ['strategy-maxdd', 'alltime-maxDrawdown'], ['strategy-winrate', 'alltime-winRate'],
                ['strategy-alpha', 'alltime-alpha'], ['strategy-beta', 'alltime-beta'], ['strategy-information-ratio', 'alltime-informationRatio']];
              const check = () => {
                for (const [a, b] of pairs) {
                  const x = document.querySelector(`[data-testid="${a}"]`)?.textContent;
                  const y = document.querySelector(`[data-testid="${b}"]`);
                  if (x === undefined || !y) continue;
                  if (y.dataset.few === undefined && x !== y.textContent) window.__mismatch.push(`${a}=${x} ${b}=${y.textContent}`);
                }
              };
              new MutationObserver(check).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
            }
            """);
        await fixture.EnsureReplayedAsync();

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var summary = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{id}")).GetProperty("summary");
        var m = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/strategies/{id}/metrics?level=all_time")).GetProperty("periods")[0];
        await Expect(page.GetByTestId("strategy-last-bar")).ToHaveTextAsync(summary.GetProperty("lastBarTime").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("strategy-trades")).ToHaveTextAsync(summary.GetProperty("trades").GetInt64().ToString("N0", En));
        await Expect(page.GetByTestId("strategy-sharpe")).ToHaveTextAsync(Ratio(summary.GetProperty("sharpe")));
        await Expect(page.GetByTestId("alltime-sharpe")).ToHaveTextAsync(Ratio(summary.GetProperty("sharpe")));
        await Expect(page.GetByTestId("alltime-trades")).ToHaveTextAsync(summary.GetProperty("trades").GetInt64().ToString("N0", En));
        await Expect(page.GetByTestId("alltime-totalReturn")).ToHaveTextAsync(Pct(summary.GetProperty("totalReturn")));
        await Expect(page.GetByTestId("strategy-information-ratio")).ToHaveTextAsync(Ratio(summary.GetProperty("informationRatio")));
        // The risk figures the header adds from the all-time bucket.
        await Expect(page.GetByTestId("strategy-var")).ToHaveTextAsync(Pct(m.GetProperty("valueAtRisk95")));
        await Expect(page.GetByTestId("strategy-cvar")).ToHaveTextAsync(Pct(m.GetProperty("conditionalValueAtRisk95")));
        await Expect(page.GetByTestId("strategy-cagr")).ToHaveTextAsync(Pct(m.GetProperty("cagr")));
        await Expect(page.GetByTestId("strategy-calmar")).ToHaveTextAsync(Ratio(m.GetProperty("calmar")));
        await Expect(page.GetByTestId("strategy-exposure")).ToHaveTextAsync(Pct(m.GetProperty("exposure")));
        var mismatches = await page.EvaluateAsync<string[]>("() => window.__mismatch");
        Assert.True(mismatches.Length == 0, string.Join("; ", mismatches.Take(5)));

        // Every panel is drawn: the benchmark line, oscillator panes, daily P&L, heatmap, distribution.
        var bars = (await http.GetFromJsonAsync<JsonElement>("/api/v1/instruments/SPX/bars?limit=10000")).GetArrayLength();
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=price-chart]').dataset.bars) === {bars}");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.panes) >= 4");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=strategy-equity-chart]').dataset.benchmarkPoints) === {bars}");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=daily-pnl-chart]').dataset.points) === {bars}");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=return-distribution]').dataset.count) === {bars}");
        await Expect(page.GetByTestId("heatmap-year")).ToHaveCountAsync(21);

        // A bucket with fewer than 20 daily returns shows its ratios greyed with the count instead of a number.
        await page.GetByLabel("Level").SelectOptionAsync("monthly");
        var few = page.Locator("[data-testid=metrics-row] td.few").First;
        await Expect(few).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^n=(1?\d)$"));
        await session.ScreenshotAsync("strategy-judging", 1280, 800);
        await session.ScreenshotAsync("strategy-judging", 390, 844);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task At_390_px_the_leaderboard_is_cards_with_the_as_of_time()
    {
        await fixture.EnsureReplayedAsync();
        await using var session = await BrowserSession.OpenAsync(Server, 390, 844);
        var page = session.Page;
        await page.GotoAsync("/");
        var cards = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByTestId("strategy-card-link") });
        await Expect(cards).ToHaveCountAsync(DemoStrategies.Specs.Count);
        await Expect(page.GetByTestId("leaderboard")).ToBeHiddenAsync();
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var summary = (await http.GetFromJsonAsync<JsonElement>("/api/v1/strategies/sma-cross-50-200")).GetProperty("summary");
        var card = page.GetByRole(AriaRole.Listitem, new() { Name = "sma-cross-50-200" });
        await Expect(card.GetByTestId("card-lastBarTime")).ToHaveTextAsync(summary.GetProperty("lastBarTime").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(card.GetByTestId("card-equity")).ToHaveTextAsync(summary.GetProperty("equity").GetDecimal().ToString("N2", En));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page is {scrollWidth}px wide at 390 px");
        await session.ScreenshotAsync("overview-cards", 390, 844);

        // Wide again: the table with its "As of" column, and each alert once.
        await page.SetViewportSizeAsync(1280, 800);
        await Expect(page.GetByTestId("leaderboard")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "As of" })).ToBeVisibleAsync();
        var alerts = await page.GetByTestId("alert").AllInnerTextsAsync();
        Assert.Equal(alerts.Count, alerts.Distinct().Count());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Static_assets_have_hashed_names_are_cached_for_good_and_are_compressed()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        var html = await http.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"/(app-[A-Za-z0-9]+\\.js)\"").Groups[1].Value;
        var styles = System.Text.RegularExpressions.Regex.Match(html, "href=\"/(styles-[a-f0-9]+\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        Assert.NotEmpty(styles);
        foreach (var (path, type) in new[] { ($"/{script}", "text/javascript"), ($"/{styles}", "text/css"), ("/api/v1/strategies/buy-and-hold/equity", "application/json") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var res = await http.SendAsync(request);
            res.EnsureSuccessStatusCode();
            Assert.Equal(type, res.Content.Headers.ContentType?.MediaType);
            Assert.Contains(res.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
            if (!path.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.Equal(DashboardEndpointExtensions.ImmutableCacheControl, res.Headers.CacheControl?.ToString());
            }
        }

        using var index = await http.GetAsync("/");
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());
    }

    /// <summary>
    /// The speed measurement of docs/benchmarks.md (numbers are written to the test output and to
    /// TestResults/judging-timings.txt, not asserted: a test never depends on the machine's speed): five fresh loads
    /// each of the overview and a strategy page, from navigation start to the first leaderboard row, to the candles and
    /// to the first trade row, and from the hub's connection to its first message.
    /// </summary>
    [Fact]
    public async Task Measure_first_content_and_first_push()
    {
        await fixture.EnsureReplayedAsync();
        await using var session = await BrowserSession.OpenAsync(Server);
        var page = session.Page;
        var samples = new Dictionary<string, List<double>>();
        void Add(string k, double v) => (samples.TryGetValue(k, out var l) ? l : samples[k] = []).Add(v);
        const string Marks = "names => names.map(n => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? -1)";
        for (int i = 0; i < 5; i++)
        {
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('leaderboard-rows').length && performance.getEntriesByName('hub-first-message').length");
            var o = await page.EvaluateAsync<double[]>(Marks, new[] { "leaderboard-rows", "hub-connected", "hub-first-message" });
            Add("overview: leaderboard rows", o[0]);
            Add("overview: connected → first message", o[2] - o[1]);

            await page.GotoAsync("/strategies/sma-cross-50-200");
            await page.WaitForFunctionAsync("() => ['strategy-candles', 'strategy-trades', 'hub-first-message'].every(n => performance.getEntriesByName(n).length)");
            var s = await page.EvaluateAsync<double[]>(Marks, new[] { "strategy-candles", "strategy-trades", "hub-connected", "hub-first-message" });
            Add("strategy: candles", s[0]);
            Add("strategy: trades", s[1]);
            Add("strategy: connected → first message", s[3] - s[2]);
        }

        var report = new StringBuilder();
        foreach (var (name, values) in samples)
        {
            var sorted = values.Order().ToArray();
            report.AppendLine(CultureInfo.InvariantCulture, $"{name}: median {sorted[sorted.Length / 2]:F0} ms, max {sorted[^1]:F0} ms ({string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))})");
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(DashboardServer.ScreenshotDirectory, "..", "judging-timings.txt"), report.ToString());
        Assert.All(samples.Values.SelectMany(v => v), v => Assert.True(v >= 0, "a mark is missing"));
        Assert.Empty(session.Errors);
    }

    private static ILocator Cell(ILocator table, string key, string series) => table.Locator($"td[data-key='{key}'][data-series='{series}']");

    private static string Ratio(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "—" : v.GetDouble().ToString("N2", En);

    private static string Pct(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "—" : $"{(v.GetDouble() * 100).ToString("N2", En)} %";

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
