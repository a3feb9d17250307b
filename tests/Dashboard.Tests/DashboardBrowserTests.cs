using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using TradingRobotPlug.Dashboard.Tests.Infrastructure;
using TradingRobotPlug.Grains.Strategies;
using static Microsoft.Playwright.Assertions;

namespace TradingRobotPlug.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardServer server)
{
    private const string DataSet = "sp500-daily-2000-2020";

    [Fact]
    public async Task Static_files_and_client_routes_are_served_but_api_and_hub_paths_are_not_swallowed()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        foreach (var path in new[] { "/", "/strategies/sma-cross-50-200", "/cluster" })
        {
            using var res = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            Assert.Equal("text/html", res.Content.Headers.ContentType?.MediaType);
            Assert.Matches("<script type=\"module\" src=\"/app-[A-Za-z0-9]+\\.js\">", await res.Content.ReadAsStringAsync());
        }

        // The bundle has a content-hashed name (build.mjs), read from index.html.
        var script = System.Text.RegularExpressions.Regex.Match(await http.GetStringAsync("/"), "src=\"(/app-[A-Za-z0-9]+\\.js)\"").Groups[1].Value;
        using (var js = await http.GetAsync(script))
        {
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
            Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        }

        foreach (var path in new[] { "/api/v1/no-such-endpoint", "/hubs/no-such-hub", "/missing.js" })
        {
            using var res = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        }
    }

    [Fact]
    public async Task A_replay_started_from_the_overview_updates_the_leaderboard_and_equity_chart_and_the_strategy_page_shows_trades()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        await page.GotoAsync("/");

        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        var rows = page.GetByTestId("leaderboard-row");
        await Expect(rows).ToHaveCountAsync(DemoStrategies.Specs.Count);
        var equityCells = page.GetByTestId("cell-equity");
        var initialEquity = await equityCells.AllInnerTextsAsync();
        Assert.All(initialEquity, text => Assert.Equal("100,000.00", text));

        // Record every value the chart's point count and the first equity cell take while the replay runs.
        await page.EvaluateAsync("""
            () => {
              window.__seen = { points: [], equity: [] };
              const chart = document.querySelector('[data-testid="portfolio-equity-chart"]');
              const record = () => {
                const p = Number(chart.dataset.points ?? 0);
                if (window.__seen.points.at(-1) !== p) window.__seen.points.push(p);
                const e = document.querySelector('[data-testid="cell-equity"]')?.textContent;
                if (e && window.__seen.equity.at(-1) !== e) window.__seen.equity.push(e);
              };
              new MutationObserver(record).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true, attributes: true });
              record();
            }
            """);

        await Expect(page.Locator($"[data-testid=replay-dataset] option[value='{DataSet}']")).ToHaveCountAsync(1);
        await page.GetByTestId("replay-dataset").SelectOptionAsync(DataSet);
        await page.GetByTestId("replay-speed").FillAsync("800");
        await page.GetByTestId("replay-start").ClickAsync();

        var progress = page.GetByTestId("replay-progress");
        // On a busy machine the replay may start late, or finish before a push shows it running: wait for either.
        await Expect(progress).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(running|completed)$"), new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("replay-text")).ToContainTextAsync("bars/s", new() { Timeout = 60_000 });
        await Expect(progress).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 60_000 });
        await Expect(progress).ToHaveAttributeAsync("data-percent", "100.0");

        // The leaderboard moved away from the starting capital and the equity chart grew in several pushes.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=cell-equity]')].some(c => c.textContent !== '100,000.00')");
        var points = await page.EvaluateAsync<int[]>("() => window.__seen.points");
        Assert.True(points.Count(p => p > 0) >= 2, $"the equity chart grew in one step only: {string.Join(", ", points)}");
        Assert.True(points.SequenceEqual(points.Order()), $"the point count went down: {string.Join(", ", points)}");
        var equitySeen = await page.EvaluateAsync<string[]>("() => window.__seen.equity");
        Assert.True(equitySeen.Length >= 3, $"the equity cell changed fewer than twice: {string.Join(" → ", equitySeen)}");
        Assert.NotNull(await page.GetByTestId("portfolio-equity-chart").Locator("canvas").First.ElementHandleAsync());

        // Live pushes carry the latest marks only; a reload draws the whole history from the daily portfolio buckets.
        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(DemoStrategies.Specs.Count);
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=portfolio-equity-chart]').dataset.points) > 1000");
        await Expect(progress).ToHaveAttributeAsync("data-state", "completed");

        await session.ScreenshotAsync("overview", 1280, 800);
        await AssertNoHorizontalScrollAsync(page, 390);
        await session.ScreenshotAsync("overview", 390, 844);
        await page.SetViewportSizeAsync(1280, 800);

        // Open the strategy with the most trades from the leaderboard.
        var id = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('[data-testid=leaderboard-row]')]
              .map(r => ({ id: r.dataset.strategyId, n: Number(r.querySelector('[data-testid=cell-trades]').textContent.replace(/,/g, '')) }))
              .sort((a, b) => b.n - a.n)[0].id
            """);
        await page.Locator($"[data-strategy-id='{id}'] [data-testid=strategy-link]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, $"/strategies/{id}").ToString());
        await Expect(page.GetByTestId("strategy-title")).ToContainTextAsync(id);

        var tradeRows = page.GetByTestId("trade-row");
        await Expect(tradeRows.First).ToBeVisibleAsync();
        Assert.InRange(await tradeRows.CountAsync(), 1, 20);
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.bars) > 1000");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=price-chart]').dataset.markers) > 0");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-testid=strategy-equity-chart]').dataset.points) > 0");
        // The default set: sma 50 and 200 on the price, and rsi (1 line), macd (3) and stoch (2) in their own panes.
        await Expect(page.GetByTestId("indicator-series")).ToHaveCountAsync(8);
        await Expect(page.GetByTestId("metrics-row").First).ToBeVisibleAsync();
        await page.GetByTestId("metrics-level").SelectOptionAsync("yearly");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=metrics-row]').length > 10");
        await Expect(page.GetByTestId("metrics-row").First).ToContainTextAsync("20");

        await session.ScreenshotAsync("strategy", 1280, 800);
        await AssertNoHorizontalScrollAsync(page, 390);
        await session.ScreenshotAsync("strategy", 390, 844);

        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_cluster_page_shows_the_silo_and_its_activations()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.GetByTestId("nav-cluster").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/cluster").ToString());
        await Expect(page.GetByTestId("silo")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("activation-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("activation-row").Filter(new() { HasText = "strategydirectory" })).ToHaveCountAsync(1);
        await session.ScreenshotAsync("cluster", 1280, 800);
        Assert.Empty(session.Errors);

        // The link to the Orleans dashboard leads to Orleans' own page, served by the API.
        var link = page.GetByTestId("orleans-dashboard-link");
        await Expect(link).ToHaveAttributeAsync("href", "/dashboard/");
        var orleans = await session.Page.Context.NewPageAsync();
        var response = await orleans.GotoAsync("/dashboard/");
        Assert.NotNull(response);
        Assert.Equal(200, response!.Status);
        Assert.Contains("orleans", (await orleans.TitleAsync() + await orleans.ContentAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page, int width)
    {
        await page.SetViewportSizeAsync(width, 844);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, string.Create(CultureInfo.InvariantCulture, $"the page is {scrollWidth}px wide at a {width}px viewport"));
    }
}
