using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;
using TradingRobotPlug.Dashboard.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using static Microsoft.Playwright.Assertions;

namespace TradingRobotPlug.Dashboard.Tests;

/// <summary>
/// The Experiments page follows the hub's <c>experiments</c> group (issue 11): an experiment created, given new paired
/// days and stopped elsewhere (over REST) shows in the open page without a reload or a second read of the list.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ExperimentsLiveBrowserTests(DashboardServer server)
{
    private const string Symbol = "EXLIVE";

    [Fact]
    public async Task An_experiment_created_fed_and_stopped_over_REST_appears_and_changes_in_the_open_list_without_reload()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        string[] arms = ["exlive-v1", "exlive-v2"];
        foreach (var (arm, fast, slow) in new[] { (arms[0], 5, 20), (arms[1], 3, 10) })
        {
            using var created = await http.PostAsJsonAsync("/api/v1/strategies", new
            {
                id = arm, kind = "sma-cross", parameters = new { fast, slow }, instruments = new[] { Symbol }, capital = 10_000m,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        try
        {
            await using var session = await BrowserSession.OpenAsync(server);
            var page = session.Page;

            // What the page asks for and what the hub sends it: one read of the list, then pushes only.
            var listReads = 0;
            page.Request += (_, r) =>
            {
                if (r.Method == "GET" && new Uri(r.Url).AbsolutePath == "/api/v1/experiments")
                {
                    Interlocked.Increment(ref listReads);
                }
            };
            var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            page.WebSocket += (_, ws) => ws.FrameReceived += (_, frame) =>
            {
                if (frame.Text is { } text && text.Contains("\"target\":\"experiments\"", StringComparison.Ordinal) && text.Contains("\"complete\":true", StringComparison.Ordinal))
                {
                    joined.TrySetResult();
                }
            };

            await page.GotoAsync("/experiments");
            await Expect(page.GetByTestId("app")).ToHaveAttributeAsync("data-page", "experiments");
            await joined.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await page.EvaluateAsync("() => { window.__sameDocument = true; }");
            var row = page.Locator("[data-testid=experiment-row][data-experiment-id='exlive']");
            await Expect(row).ToHaveCountAsync(0);

            // Created over REST: the row appears, running, with no paired day yet.
            using (var created = await http.PostAsJsonAsync("/api/v1/experiments", new { id = "exlive", name = "exlive", control = arms[0], treatment = arms[1] }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            await Expect(row.GetByTestId("experiment-status")).ToHaveTextAsync("running");
            await Expect(row.GetByTestId("experiment-days")).ToHaveTextAsync("0");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Stop exlive" })).ToBeEnabledAsync();

            // 40 daily bars: 39 paired days (a date enters once both arms have closed it); the figures are the API's.
            await server.Services.GetRequiredService<IClusterClient>().GetGrain<IInstrumentGrain>(Symbol).PublishBars([.. Bars(40)]);
            await Expect(row.GetByTestId("experiment-days")).ToHaveTextAsync("39");
            var running = await http.GetFromJsonAsync<JsonElement>("/api/v1/experiments/exlive");
            Assert.Equal(39, running.GetProperty("result").GetProperty("days").GetInt64());
            await Expect(row.GetByTestId("experiment-p-value")).ToHaveTextAsync(Ratio(running.GetProperty("result").GetProperty("pValue").GetDouble()));

            // Stopped over REST: the row says stopped, with the final figures, and offers no Stop.
            using var stop = await http.PostAsync("/api/v1/experiments/exlive/stop", null);
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>();
            await Expect(row.GetByTestId("experiment-status")).ToHaveTextAsync("stopped");
            await Expect(row.GetByTestId("experiment-days")).ToHaveTextAsync(stopped.GetProperty("result").GetProperty("days").GetInt64().ToString(CultureInfo.InvariantCulture));
            await Expect(row.GetByTestId("experiment-p-value")).ToHaveTextAsync(Ratio(stopped.GetProperty("result").GetProperty("pValue").GetDouble()));
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Stop exlive" })).ToBeDisabledAsync();

            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
            Assert.Equal(1, Volatile.Read(ref listReads));
            Assert.Empty(session.Errors);
        }
        finally
        {
            foreach (var arm in arms)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/strategies/{arm}")).StatusCode);
            }
        }
    }

    /// <summary>A ratio as the dashboard shows it (format.js fmtRatio: en-US, two decimals).</summary>
    private static string Ratio(double value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Daily bars of a deterministic wave with drift from 2021-01-04.</summary>
    private static IEnumerable<Bar> Bars(int count)
    {
        var instrument = InstrumentId.Parse(Symbol);
        var start = new DateTimeOffset(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            decimal close = Math.Round(100m + (10m * (decimal)Math.Sin(i / 7.0)) + (i * 0.05m), 2);
            yield return Bar.Create(instrument, Timeframe.OneDay, start.AddDays(i), close - 0.5m, close + 1m, close - 1m, close, 1000);
        }
    }
}
