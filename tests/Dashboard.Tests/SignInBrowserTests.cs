using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;
using TradingRobotPlug.Dashboard.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TradingRobotPlug.Dashboard.Tests;

/// <summary>
/// Signing in to the dashboard with users configured (issue 12): the sign-in dialog, a refused key, an owner's own
/// leaderboard (live, from its own overview group) and strategy pages, the key kept in sessionStorage and out of every URL, reload and sign-out, and what a
/// viewer gets from the create and replay controls. Pages are loaded to network idle before their console errors are
/// read, so a late answer cannot slip past the check.
/// </summary>
[Collection(UsersCollection.Name)]
public sealed class SignInBrowserTests(UsersDashboardServer server, ITestOutputHelper output)
{
    private const string Storage = "trp.credential";
    private const string Symbol = "SIGNIN";
    private static readonly PageGotoOptions Idle = new() { WaitUntil = WaitUntilState.NetworkIdle };

    [Fact]
    public async Task An_owner_signs_in_sees_only_its_strategies_keeps_the_key_out_of_urls_stays_signed_in_on_reload_and_signs_out()
    {
        await CreateStrategy(UsersDashboardServer.AliceKey, "signin-alice");
        await CreateStrategy(UsersDashboardServer.BobKey, "signin-bob");

        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        var urls = new List<string>();
        page.Request += (_, r) => { lock (urls) { urls.Add(r.Url); } };
        page.WebSocket += (_, ws) => { lock (urls) { urls.Add(ws.Url); } };
        string[] Requested()
        {
            lock (urls)
            {
                return [.. urls];
            }
        }

        // Not signed in: once every request of the page has been answered (401), the sign-in dialog says what is
        // needed, and nothing else is shown: no rows, no error banner, no live connection.
        await page.GotoAsync("/", Idle);
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Sign in" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("signin-message")).ToContainTextAsync("X-Api-Key");
        await Expect(page.GetByLabel("Key or token")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("user").GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "disconnected");
        Assert.DoesNotContain(Requested(), u => u.Contains("/hubs/dashboard", StringComparison.Ordinal));
        AssertOnly(session.Errors, "the server responded with a status of 401");

        // A wrong key is refused with the server's reason, and nothing is kept.
        var secret = page.GetByLabel("Key or token");
        await secret.FillAsync("not-a-key");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(dialog.GetByTestId("signin-message")).ToHaveTextAsync(new Regex("^Refused: .*key"));
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Storage}')"));
        AssertOnly(session.Errors, "the server responded with a status of 401");
        int signedOut = session.Errors.Count;

        // alice's key: the page reloads signed in as alice, with her strategy only (not bob's, not the demo owner's).
        await secret.FillAsync(UsersDashboardServer.AliceKey);
        await ReloadedByAsync(page, () => dialog.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice (trader)");
        await Expect(page.GetByTestId("signin")).ToHaveCountAsync(0);
        var rows = page.GetByTestId("leaderboard-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-strategy-id", "signin-alice");
        await Expect(rows.GetByTestId("cell-equity")).ToHaveTextAsync("10,000.00");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");

        // Live: bars of her strategy's instrument move her row without a reload (her own overview group); bob's
        // strategy on the same instrument never shows. The row ends at the API's equity once she has every bar.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var cluster = server.Services.GetRequiredService<IClusterClient>();
        await cluster.GetGrain<IInstrumentGrain>(Symbol).PublishBars([.. Bars(5)]);
        await cluster.GetGrain<IStrategyGrain>("signin-alice").WaitForBars(5).WaitAsync(TimeSpan.FromSeconds(60));
        using (var alice = server.Client(UsersDashboardServer.AliceKey))
        {
            var equity = (await alice.GetFromJsonAsync<JsonElement>("/api/v1/strategies/signin-alice")).GetProperty("summary").GetProperty("equity").GetDecimal();
            Assert.NotEqual(10_000m, equity);
            await Expect(rows.GetByTestId("cell-equity")).ToHaveTextAsync(equity.ToString("#,##0.00", CultureInfo.InvariantCulture));
        }

        await Expect(rows).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");

        // Her strategy's page opens; a reload keeps the session there and on the overview.
        await rows.GetByTestId("strategy-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/strategies/signin-alice"));
        await Expect(page.GetByTestId("strategy-controls")).ToHaveAttributeAsync("data-status", "running");
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice (trader)");
        await Expect(page.GetByTestId("strategy-controls")).ToHaveAttributeAsync("data-status", "running");
        await page.GotoAsync("/", Idle);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice (trader)");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-strategy-id", "signin-alice");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        List<string> ownPages = [.. session.Errors.Skip(signedOut)];

        // bob's strategy, asked for by URL, does not exist for her (only its refused reads are logged).
        await page.GotoAsync("/strategies/signin-bob", Idle);
        await Expect(page.GetByTestId("not-found")).ToHaveTextAsync("Strategy 'signin-bob' does not exist.");
        Assert.All(session.Errors.Skip(signedOut + ownPages.Count), e => Assert.True(
            e.Contains("status of 404", StringComparison.Ordinal) || e.Contains("signin-bob", StringComparison.Ordinal), e));

        // The key is in sessionStorage and in no URL the page requested (the live connection carries a token).
        var stored = JsonDocument.Parse(await page.EvaluateAsync<string>($"() => sessionStorage.getItem('{Storage}')")).RootElement;
        Assert.Equal("key", stored.GetProperty("kind").GetString());
        Assert.Equal(UsersDashboardServer.AliceKey, stored.GetProperty("value").GetString());
        var requested = Requested();
        Assert.Contains(requested, u => u.Contains("/hubs/dashboard", StringComparison.Ordinal));
        Assert.DoesNotContain(requested, u => u.Contains(UsersDashboardServer.AliceKey, StringComparison.Ordinal)
            || u.Contains(Uri.EscapeDataString(UsersDashboardServer.AliceKey), StringComparison.Ordinal));

        // Sign out: the credential is gone and the sign-in dialog is back, with no data.
        await page.GotoAsync("/", Idle);
        await ReloadedByAsync(page, () => page.GetByTestId("user").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync());
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.GetByTestId("user").GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{Storage}')"));

        // Signed in, her own overview and strategy pages logged no error.
        Assert.True(ownPages.Count == 0, "console errors on alice's own pages:\n" + string.Join("\n", ownPages));
    }

    [Fact]
    public async Task A_viewer_gets_a_403_message_naming_the_role_needed_from_the_create_and_replay_controls_and_nothing_is_created()
    {
        await using var session = await BrowserSession.OpenAsync(server);
        var page = session.Page;
        await page.GotoAsync("/", Idle);
        await page.GetByLabel("Key or token").FillAsync(UsersDashboardServer.CarolKey);
        await ReloadedByAsync(page, () => page.GetByRole(AriaRole.Dialog, new() { Name = "Sign in" }).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("carol (viewer)");
        var errors = page.GetByTestId("error");

        // The dashboard does not hide or disable the controls by role: the API's 403 is shown, naming the role needed.
        await page.GotoAsync("/strategies/new", Idle);
        var kind = page.GetByLabel("Kind", new() { Exact = true });
        await Expect(kind.Locator("option[value='sma-cross']")).ToHaveCountAsync(1);
        await page.GetByLabel("Instrument", new() { Exact = true }).FillAsync("VIEWER");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("carol-s");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create strategy" }).ClickAsync();
        await Expect(errors.First).ToContainTextAsync(new Regex("^creating the strategy: 403 .*'carol' has the role\\(s\\) viewer; this request needs the role trader"));
        await Expect(page).ToHaveURLAsync(Url("/strategies/new"));

        await page.GotoAsync("/experiments", Idle);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("carol ab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create experiment" }).ClickAsync();
        await Expect(errors.First).ToContainTextAsync(new Regex("^creating the experiment: 403 .*needs the role trader"));
        await Expect(page.GetByTestId("experiment-row")).ToHaveCountAsync(0);

        await page.GotoAsync("/", Idle);
        await Expect(page.Locator("#replay-dataset option[value='sp500-daily-2000-2020']")).ToHaveCountAsync(1);
        await page.GetByLabel("Data set").SelectOptionAsync("sp500-daily-2000-2020");
        await page.GetByLabel("Symbol", new() { Exact = true }).FillAsync("VIEWER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(errors.First).ToContainTextAsync(new Regex("^start the replay: 403 .*needs the role operator"));
        await Expect(page.GetByTestId("replay-progress")).Not.ToHaveAttributeAsync("data-state", "running");

        using var carol = server.Client(UsersDashboardServer.CarolKey);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync("/api/v1/strategies/carol-s")).StatusCode);
        Assert.Equal(0, (await carol.GetFromJsonAsync<JsonElement>("/api/v1/experiments")).GetProperty("total").GetInt32());
        output.WriteLine("console errors: " + string.Join(" | ", session.Errors));
    }

    /// <summary>Runs <paramref name="action"/>, which reloads the page (signing in and out do), and waits for the new
    /// document's load and network idle.</summary>
    private static async Task ReloadedByAsync(IPage page, Func<Task> action)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage p) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.Load -= OnLoad;
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private async Task CreateStrategy(string key, string id)
    {
        using var http = server.Client(key);
        using var created = await http.PostAsJsonAsync("/api/v1/strategies", new { id, kind = "buy-and-hold", instruments = new[] { Symbol }, capital = 10_000m });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every console error so far is Chromium's own log line of a refused request (<paramref name="expected"/>):
    /// the dashboard itself logged none.</summary>
    private static void AssertOnly(IReadOnlyList<string> errors, string expected)
        => Assert.All(errors, e => Assert.Contains(expected, e, StringComparison.Ordinal));

    /// <summary>Daily bars from 2021-01-04 whose close rises 1 % a day from 100.</summary>
    private static IEnumerable<Bar> Bars(int count)
    {
        var instrument = InstrumentId.Parse(Symbol);
        var start = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);
        decimal close = 100m;
        for (int i = 0; i < count; i++, close = Math.Round(close * 1.01m, 2))
        {
            yield return Bar.Create(instrument, Timeframe.OneDay, start.AddDays(i), close, close + 1m, close - 1m, close, 1000);
        }
    }

    private string Url(string path) => new Uri(server.BaseAddress, path).ToString();
}
