using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Globalization;
using Microsoft.Playwright;
using TradingRobotPlug.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TradingRobotPlug.Dashboard.Tests;

/// <summary>
/// Steering from the browser: the strategy form, the strategy page's controls, the replay controls and the experiments
/// page, found by role and label. Each test trades its own symbol, deletes the strategies it creates and leaves no
/// replay running, so the other tests of the collection see the seven demo strategies on an unreplayed SPX.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SteeringBrowserTests(DashboardServer server, ITestOutputHelper output)
{
    private const string DataSet = "sp500-daily-2000-2020";

    /// <summary>Bars in data/sp500-daily-2000-2020.csv (5106 lines with the header, the last without a newline).</summary>
    private const string DataSetBarsText = "5,105";

    [Fact]
    public async Task A_strategy_created_in_the_form_appears_in_the_leaderboard_trades_during_a_replay_is_paused_and_deleted()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        const string id = "steer-sma-5-20";
        const string symbol = "STEER";
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");

        // The top navigation's "New strategy" opens the form; its fields are found by their labels.
        await page.GetByRole(AriaRole.Link, new() { Name = "New strategy" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/strategies/new"));
        var kind = page.GetByLabel("Kind", new() { Exact = true });
        await Expect(kind.Locator("option[value='sma-cross']")).ToHaveCountAsync(1);
        await kind.SelectOptionAsync("sma-cross");
        var fast = page.GetByLabel("fast", new() { Exact = true });
        await Expect(fast).ToHaveValueAsync("50");
        await Expect(page.GetByLabel("slow", new() { Exact = true })).ToHaveValueAsync("200");
        await fast.FillAsync("5");
        await page.GetByLabel("slow", new() { Exact = true }).FillAsync("20");
        await page.GetByLabel("Instrument", new() { Exact = true }).FillAsync(symbol);
        await page.GetByLabel("Capital", new() { Exact = true }).FillAsync("50000");
        await page.GetByLabel("Fee (bps)", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("steer");
        await page.GetByLabel("Version", new() { Exact = true }).FillAsync("1.0");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create strategy" }).ClickAsync();

        // Created and started: its page opens with the controls that a running strategy allows.
        await Expect(page).ToHaveURLAsync(Url($"/strategies/{id}"));
        await Expect(page.GetByTestId("strategy-status")).ToHaveTextAsync("running");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByTestId("strategy-spec")).ToContainTextAsync("fast=5");

        // It is in the leaderboard with the capital typed into the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).ClickAsync();
        var row = page.Locator($"[data-testid=leaderboard-row][data-strategy-id='{id}']");
        await Expect(row.GetByTestId("cell-equity")).ToHaveTextAsync("50,000.00");

        // A replay of its symbol makes it trade.
        await Expect(page.Locator($"#replay-dataset option[value='{DataSet}']")).ToHaveCountAsync(1);
        await page.GetByLabel("Data set").SelectOptionAsync(DataSet);
        await page.GetByLabel("Symbol", new() { Exact = true }).FillAsync(symbol);
        await page.GetByLabel("Speed").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        var progress = page.GetByTestId("replay-progress");
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");
        await page.WaitForFunctionAsync($"() => Number(document.querySelector(\"[data-strategy-id='{id}'] [data-testid=cell-trades]\")?.textContent.replace(/,/g, '')) > 0");
        await Expect(row.GetByTestId("cell-equity")).Not.ToHaveTextAsync("50,000.00");

        // Pause the replay: it says so and what Resume does; only Resume and Stop are offered.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "paused");
        await Expect(page.GetByTestId("replay-plan")).ToContainTextAsync("Resume continues after the last published bar");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true })).ToBeDisabledAsync();

        // On the strategy page: pause the strategy (Start becomes Resume), then delete it after confirming.
        await row.GetByTestId("strategy-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url($"/strategies/{id}"));
        await Expect(page.GetByTestId("strategy-controls")).ToHaveAttributeAsync("data-status", "running");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("strategy-controls")).ToHaveAttributeAsync("data-status", "paused");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByTestId("strategy-control-message")).ToHaveTextAsync("Pause: now paused.");
        await session.ScreenshotAsync("strategy-controls", 1280, 800);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"Delete strategy {id}?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(Url($"/strategies/{id}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("/"));
        await Expect(page.GetByTestId("leaderboard-row").First).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        using (var http = new HttpClient { BaseAddress = server.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/strategies/{id}")).StatusCode);
        }

        // Leave no replay running for the other tests.
        await Expect(progress).ToHaveAttributeAsync("data-state", "paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true }).ClickAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "stopped");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_reload_mid_replay_keeps_the_replay_form_the_speed_changes_while_running_and_a_finished_replay_says_what_Start_and_Restart_do()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        const string symbol = "RELOAD";
        await page.GotoAsync("/");
        await Expect(page.Locator($"#replay-dataset option[value='{DataSet}']")).ToHaveCountAsync(1);
        await page.GetByLabel("Data set").SelectOptionAsync(DataSet);
        await page.GetByLabel("Symbol", new() { Exact = true }).FillAsync(symbol);
        await Expect(page.GetByTestId("replay-plan")).ToHaveTextAsync($"Start publishes all {DataSetBarsText} bars of '{DataSet}' to {symbol}, 2000-01-03 to 2020-04-17.");
        await page.GetByLabel("Speed").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        var progress = page.GetByTestId("replay-progress");
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");

        // A reload mid-replay shows the replay that runs: its data set, symbol and speed.
        await page.ReloadAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");
        await Expect(page.GetByLabel("Data set")).ToHaveValueAsync(DataSet);
        await Expect(page.GetByLabel("Symbol", new() { Exact = true })).ToHaveValueAsync(symbol);
        await Expect(page.GetByLabel("Speed")).ToHaveValueAsync("5");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true })).ToBeDisabledAsync();

        // The speed changes while it runs (0 = as fast as possible), and it runs to the end.
        await page.GetByLabel("Speed").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set speed" }).ClickAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 60_000 });
        await Expect(progress).ToHaveAttributeAsync("data-percent", "100.0");
        await Expect(page.GetByTestId("replay-text")).ToContainTextAsync($"{DataSetBarsText} / {DataSetBarsText} bars");

        // Start on the finished replay says it would publish nothing, and what Restart does instead.
        await Expect(page.GetByTestId("replay-plan")).ToHaveTextAsync(
            $"All {DataSetBarsText} bars of '{DataSet}' are already published to {symbol} (a published bar never changes): Start would publish nothing. Restart replays them from the first bar to {symbol}.R2.");
        await session.ScreenshotAsync("overview-replay-finished", 1280, 800);

        // After a reload the finished replay is still shown, with its data set.
        await page.ReloadAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "completed");
        await Expect(page.GetByTestId("replay-text")).ToContainTextAsync($"{DataSet} → {symbol}");
        await Expect(page.GetByLabel("Data set")).ToHaveValueAsync(DataSet);

        // Restart from the first bar goes to RELOAD.R2, from bar 0, and the form shows it.
        await page.GetByLabel("Speed").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Restart from first bar" }).ClickAsync();
        await Expect(page.GetByLabel("Symbol", new() { Exact = true })).ToHaveValueAsync($"{symbol}.R2");
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");
        await Expect(page.GetByTestId("replay-text")).ToContainTextAsync($"{DataSet} → {symbol}.R2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true }).ClickAsync();
        await Expect(progress).ToHaveAttributeAsync("data-state", "stopped");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Form_validation_errors_from_the_server_appear_next_to_their_fields()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        await page.GotoAsync("/strategies/new");
        var kind = page.GetByLabel("Kind", new() { Exact = true });
        await Expect(kind.Locator("option[value='sma-cross']")).ToHaveCountAsync(1);
        await kind.SelectOptionAsync("sma-cross");

        // Every control of the form has a visible label.
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=strategy-form] input, [data-testid=strategy-form] select')]
              .filter(c => !c.labels || c.labels.length === 0 || [...c.labels].every(l => !l.textContent.trim() || l.offsetParent === null))
              .map(c => c.name || c.outerHTML)
            """);
        Assert.Empty(unlabelled);

        var capital = page.GetByLabel("Capital", new() { Exact = true });
        var fast = page.GetByLabel("fast", new() { Exact = true });
        var feeBps = page.GetByLabel("Fee (bps)", new() { Exact = true });
        var maxDrawdown = page.GetByLabel("Max drawdown (%)", new() { Exact = true });
        var name = page.GetByLabel("Name", new() { Exact = true });
        var instrument = page.GetByLabel("Instrument", new() { Exact = true });
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("steer-invalid");
        await instrument.FillAsync("STEERBAD");
        await capital.FillAsync("-5");
        await fast.FillAsync("300");
        await feeBps.FillAsync("20000");
        await maxDrawdown.FillAsync("150");
        await name.FillAsync("!bad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create strategy" }).ClickAsync();

        await Expect(page.GetByTestId("form-status")).ToHaveTextAsync("The strategy was not created: correct the fields marked below.");
        await Expect(capital).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(capital).ToHaveAccessibleDescriptionAsync(new Regex("must be positive"));
        await Expect(fast).ToHaveAccessibleDescriptionAsync(new Regex(@"fast \(300\) must be less than slow \(200\)"));
        await Expect(feeBps).ToHaveAccessibleDescriptionAsync(new Regex(@"\[0, 10000\]"));
        await Expect(maxDrawdown).ToHaveAccessibleDescriptionAsync(new Regex(@"must be in \(0, 1\]"));
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(Url("/strategies/new"));
        await session.ScreenshotAsync("strategy-form-errors", 1280, 800);

        // Corrected fields lose their errors; a bad symbol is shown at the Instrument field.
        await capital.FillAsync("10000");
        await fast.FillAsync("50");
        await feeBps.FillAsync("0");
        await maxDrawdown.FillAsync("");
        await name.FillAsync("");
        await instrument.FillAsync("bad symbol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create strategy" }).ClickAsync();
        await Expect(instrument).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(instrument).ToHaveAccessibleDescriptionAsync(new Regex("is not a valid symbol"));
        await Expect(capital).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("field-error").Filter(new() { Visible = true })).ToHaveCountAsync(1);

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/strategies/steer-invalid")).StatusCode);
        AssertOnlyProvokedHttpErrors(session, 400);
    }

    [Fact]
    public async Task An_experiment_is_created_from_two_strategy_versions_listed_and_stopped()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        string[] arms = ["steer-exp-v1", "steer-exp-v2"];
        foreach (var (arm, fastPeriod, version) in new[] { (arms[0], 10, "1.0"), (arms[1], 5, "1.1") })
        {
            var created = await http.PostAsJsonAsync("/api/v1/strategies", new
            {
                id = arm, kind = "sma-cross", parameters = new { fast = fastPeriod, slow = 30 }, instruments = new[] { "STEXP" },
                capital = 10_000m, name = "steer exp", version,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        try
        {
            await using var session = await BrowserSession.OpenAsync(server);
            var page = session.Page;
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Experiments", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(Url("/experiments"));
            var control = page.GetByLabel("Control strategy");
            var treatment = page.GetByLabel("Treatment strategy");
            await Expect(control.Locator($"option[value='{arms[1]}']")).ToHaveCountAsync(1);

            // The same strategy on both arms is refused next to the Treatment field.
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("steer ab");
            await control.SelectOptionAsync(arms[0]);
            await treatment.SelectOptionAsync(arms[0]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create experiment" }).ClickAsync();
            await Expect(treatment).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(treatment).ToHaveAccessibleDescriptionAsync(new Regex("must be another strategy than the control"));

            await treatment.SelectOptionAsync(arms[1]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create experiment" }).ClickAsync();
            await Expect(page.GetByTestId("experiment-form-status")).ToHaveTextAsync("Created steer-ab.");
            var row = page.Locator("[data-testid=experiment-row][data-experiment-id='steer-ab']");
            await Expect(row.GetByTestId("experiment-status")).ToHaveTextAsync("running");
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = "steer ab (steer-ab)" })).ToHaveAttributeAsync("href", "/experiments/steer-ab");
            await Expect(row).ToContainTextAsync(arms[0]);
            await Expect(row).ToContainTextAsync(arms[1]);

            // It is listed after a reload too, and Stop makes its result final.
            await page.ReloadAsync();
            await Expect(row.GetByTestId("experiment-status")).ToHaveTextAsync("running");
            await row.GetByRole(AriaRole.Button, new() { Name = "Stop steer-ab" }).ClickAsync();
            await Expect(row.GetByTestId("experiment-status")).ToHaveTextAsync("stopped");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Stop steer-ab" })).ToBeDisabledAsync();
            await Expect(page.GetByTestId("experiments-message")).ToHaveTextAsync("Stopped steer-ab: its result is final.");
            var stopped = await (await http.GetAsync("/api/v1/experiments/steer-ab")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal("Stopped", stopped.GetProperty("status").GetString());
            await session.ScreenshotAsync("experiments", 1280, 800);

            // The row links to the experiment's page.
            await row.GetByTestId("experiment-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(Url("/experiments/steer-ab"));
            AssertOnlyProvokedHttpErrors(session, 400);
        }
        finally
        {
            foreach (var arm in arms)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/strategies/{arm}")).StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_top_navigation_names_the_pages_and_each_page_loads_without_console_errors()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" });
        Assert.Equal(["Overview", "Compare", "Experiments", "Cluster"], await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync());

        foreach (var (name, path, page_) in new[]
        {
            ("Compare", "/compare", "compare"), ("Experiments", "/experiments", "experiments"), ("Cluster", "/cluster", "cluster"),
            ("Overview", "/", "overview"),
        })
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(Url(path));
            await Expect(page.GetByTestId("app")).ToHaveAttributeAsync("data-page", page_);
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "New strategy" }).ClickAsync();
        await Expect(page.GetByTestId("app")).ToHaveAttributeAsync("data-page", "strategy-new");
        await Expect(page.GetByLabel("fast", new() { Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("strategy-form", 1280, 800);
        await page.SetViewportSizeAsync(390, 844);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the form is {scrollWidth}px wide at a 390px viewport");
        await session.ScreenshotAsync("strategy-form", 390, 844);

        // A demo strategy's page shows its controls, enabled by its status (running).
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/strategies/sma-cross-50-200");
        await Expect(page.GetByTestId("strategy-controls")).ToHaveAttributeAsync("data-status", "running");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true })).ToBeDisabledAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true })).ToBeEnabledAsync();
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_form_and_experiments_pages_mark_their_first_content_and_the_times_are_reported()
    {
        // Measures (for docs/benchmarks.md; not a pass/fail budget) the time from navigation start to the page's
        // 'trp:first-content' mark: a full load, and an in-app navigation from the top bar.
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        foreach (var (path, linkName) in new[] { ("/strategies/new", "New strategy"), ("/experiments", "Experiments") })
        {
            var loads = new List<double>();
            var clicks = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                await page.GotoAsync(path);
                await page.WaitForFunctionAsync("() => performance.getEntriesByName('trp:first-content').length > 0");
                loads.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('trp:first-content')[0].startTime"));

                await page.GotoAsync("/cluster");
                await Expect(page.GetByTestId("silo")).ToHaveCountAsync(1);
                await page.EvaluateAsync("() => { performance.clearMarks('trp:first-content'); window.__navStart = performance.now(); }");
                await page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();
                await page.WaitForFunctionAsync("() => performance.getEntriesByName('trp:first-content').length > 0");
                clicks.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('trp:first-content')[0].startTime - window.__navStart"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: first content after a full load {Median(loads):0} ms (median of 5: {string.Join(", ", loads.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}), after a nav click {Median(clicks):0} ms ({string.Join(", ", clicks.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))})"));
            Assert.All(loads.Concat(clicks), v => Assert.True(v > 0));
        }

        Assert.Empty(session.Errors);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();

    /// <summary>
    /// The session saw no console error except Chromium's own log line for each HTTP error response the test provoked
    /// on purpose (a rejected form answers <paramref name="status"/>).
    /// </summary>
    private static void AssertOnlyProvokedHttpErrors(BrowserSession session, int status)
    {
        var expected = $"the server responded with a status of {status}";
        Assert.DoesNotContain(session.Errors, e => !e.Contains(expected, StringComparison.Ordinal));
    }
}
