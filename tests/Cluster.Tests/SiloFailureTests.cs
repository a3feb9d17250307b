using TradingRobotPlug.Grains.Hosting;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Cluster.Tests;

/// <summary>
/// A real multi-process cluster on PostgreSQL, as operators run it: two standalone silos (<c>silo serve</c>) and the
/// API process as a third silo, the seven demo strategies created over REST, the S&amp;P 500 file replayed over REST,
/// and one standalone silo killed with SIGKILL part way. Every strategy must end with exactly the final equity, trades,
/// Sharpe ratio and maximum drawdown of the headless backtest of the same strategies on the same file (the committed
/// golden <c>summary.json</c>), and the membership table must show the killed silo as dead.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class SiloFailureTests(PostgresServerFixture postgres)
{
    private const int TotalBars = 5_105;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_silo_killed_with_sigkill_mid_replay_changes_no_final_number()
    {
        string database = await postgres.CreateDatabaseAsync("cluster_kill");
        string clusterId = "kill-" + Guid.NewGuid().ToString("N")[..8];
        int[] ports = [.. Enumerable.Range(0, 7).Select(_ => TradingClusterHosting.FreeLoopbackPort())];
        var url = new Uri($"http://127.0.0.1:{ports[6]}");
        using var siloA = Serve("silo-a", database, clusterId, ports[0], ports[1]);
        using var siloB = Serve("silo-b", database, clusterId, ports[2], ports[3]);
        using var api = ClusterProcess.Start("api", "TradingRobotPlug.Api.dll",
        [
            "--urls", url.ToString(), "--postgres", database, "--cluster-id", clusterId,
            "--silo-port", ports[4].ToString(CultureInfo.InvariantCulture), "--gateway-port", ports[5].ToString(CultureInfo.InvariantCulture),
            "--demo", "false",
        ]);
        ClusterProcess[] all = [siloA, siloB, api];
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

        await WaitUntilAsync("three active silos", all, async () =>
        {
            var cluster = await TryGetJsonAsync(http, "/api/v1/cluster");
            return cluster is { } c && c.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == 3;
        });

        var golden = Golden();
        await CreateAsync(http, golden.Keys);

        var replay = await http.PostAsJsonAsync("/api/v1/replays", new { dataSet = "sp500-daily-2000-2020", symbol = "SPX", speed = 250 });
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());

        // Part way through the replay, kill the standalone silo that holds the most strategies.
        await WaitUntilAsync("1,200 bars published", all, async () =>
            await TryGetJsonAsync(http, "/api/v1/replays/current") is { } r && r.GetProperty("publishedBars").GetInt32() >= 1_200);
        var silos = (await TryGetJsonAsync(http, "/api/v1/cluster"))!.Value.GetProperty("silos").EnumerateArray().ToList();
        int Strategies(int port) => silos
            .Where(s => s.GetProperty("address").GetString()!.Contains($":{port}@", StringComparison.Ordinal))
            .Sum(s => s.GetProperty("activations").TryGetProperty("strategy", out var n) ? n.GetInt32() : 0);
        var (victim, victimPort, survivor) = Strategies(ports[0]) >= Strategies(ports[2]) ? (siloA, ports[0], siloB) : (siloB, ports[2], siloA);
        victim.Kill();
        await victim.WaitForExitAsync();
        ClusterProcess[] alive = [survivor, api];

        // The replay carries on by itself, strategies backfill what the dead silo's stream queues held, and every one finishes.
        await WaitForReplayToFinishAsync(http, alive, golden.Count);

        AssertSameAsGolden(golden, (await TryGetJsonAsync(http, "/api/v1/strategies"))!.Value.GetProperty("items").EnumerateArray().ToList());

        // The membership table says the killed silo died.
        await WaitUntilAsync("the killed silo listed as Dead", alive, async () =>
            await TryGetJsonAsync(http, "/api/v1/cluster") is { } c && c.GetProperty("silos").EnumerateArray().Any(s =>
                s.GetProperty("address").GetString()!.Contains($":{victimPort}@", StringComparison.Ordinal) && s.GetProperty("status").GetString() == "Dead"));
    }

    [Fact]
    public async Task A_silo_added_mid_replay_takes_activations_and_a_rolling_sigterm_restart_changes_no_final_number()
    {
        string database = await postgres.CreateDatabaseAsync("cluster_rolling");
        string clusterId = "roll-" + Guid.NewGuid().ToString("N")[..8];
        int[] ports = [.. Enumerable.Range(0, 7).Select(_ => TradingClusterHosting.FreeLoopbackPort())];
        var url = new Uri($"http://127.0.0.1:{ports[6]}");
        var siloA = Serve("silo-a", database, clusterId, ports[0], ports[1]);
        using var api = ClusterProcess.Start("api", "TradingRobotPlug.Api.dll",
        [
            "--urls", url.ToString(), "--postgres", database, "--cluster-id", clusterId,
            "--silo-port", ports[4].ToString(CultureInfo.InvariantCulture), "--gateway-port", ports[5].ToString(CultureInfo.InvariantCulture),
            "--demo", "false",
        ]);
        ClusterProcess? siloB = null;
        try
        {
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilAsync("two active silos", [siloA, api], () => ActiveSilosAsync(http, 2));
            var golden = Golden();
            await CreateAsync(http, golden.Keys);

            var replay = await http.PostAsJsonAsync("/api/v1/replays", new { dataSet = "sp500-daily-2000-2020", symbol = "SPX", speed = 150 });
            Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
            await WaitUntilAsync("800 bars published", [siloA, api], async () =>
                await TryGetJsonAsync(http, "/api/v1/replays/current") is { } r && r.GetProperty("publishedBars").GetInt32() >= 800);

            // Scale out mid-replay, then restart the standalone silos one after the other with SIGTERM (graceful).
            siloB = Serve("silo-b", database, clusterId, ports[2], ports[3]);
            await WaitUntilAsync("silo B active", [siloA, siloB, api], () => ActiveSilosAsync(http, 3));
            await TerminateAsync(siloA);
            await WaitUntilAsync("silo B holding trading activations", [siloB, api], async () =>
                await TryGetJsonAsync(http, "/api/v1/cluster") is { } c && c.GetProperty("silos").EnumerateArray().Any(s =>
                    s.GetProperty("address").GetString()!.Contains($":{ports[2]}@", StringComparison.Ordinal)
                    && TradingActivations(s) > 0));
            siloA.Dispose();
            siloA = Serve("silo-a", database, clusterId, ports[0], ports[1]);
            await WaitUntilAsync("silo A back", [siloA, siloB, api], () => ActiveSilosAsync(http, 3));
            await TerminateAsync(siloB);
            siloB.Dispose();
            siloB = Serve("silo-b", database, clusterId, ports[2], ports[3]);

            ClusterProcess[] alive = [siloA, siloB, api];
            await WaitForReplayToFinishAsync(http, alive, golden.Count);

            AssertSameAsGolden(golden, (await TryGetJsonAsync(http, "/api/v1/strategies"))!.Value.GetProperty("items").EnumerateArray().ToList());
        }
        finally
        {
            siloA.Dispose();
            siloB?.Dispose();
        }
    }

    [Fact]
    public async Task The_api_as_a_client_of_a_cluster_of_standalone_silos_runs_a_replay_to_the_headless_numbers()
    {
        string database = await postgres.CreateDatabaseAsync("cluster_client");
        string clusterId = "client-" + Guid.NewGuid().ToString("N")[..8];
        int[] ports = [.. Enumerable.Range(0, 5).Select(_ => TradingClusterHosting.FreeLoopbackPort())];
        var url = new Uri($"http://127.0.0.1:{ports[4]}");
        using var siloA = Serve("silo-a", database, clusterId, ports[0], ports[1]);
        using var siloB = Serve("silo-b", database, clusterId, ports[2], ports[3]);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilAsync("two active silos in the membership table", [siloA, siloB], async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_cluster_member WHERE status = 3 AND cluster_id = @cluster", connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            try
            {
                return (long)(await command.ExecuteScalarAsync())! == 2;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                return false; // the first silo has not applied the schema yet
            }
        });

        // The API hosts no silo: it finds the gateways in the membership table.
        using var api = ClusterProcess.Start("api", "TradingRobotPlug.Api.dll",
            ["--urls", url.ToString(), "--postgres", database, "--cluster-id", clusterId, "--client", "--demo", "false"]);
        ClusterProcess[] all = [siloA, siloB, api];
        await WaitUntilAsync("the API ready", all, async () => (await TryGetAsync(http, "/health/ready")) == System.Net.HttpStatusCode.OK);
        var silos = (await TryGetJsonAsync(http, "/api/v1/cluster"))!.Value.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(2, silos.Count(s => s.GetProperty("status").GetString() == "Active"));
        Assert.DoesNotContain(silos, s => s.GetProperty("address").GetString()!.Contains($":{ports[4]}@", StringComparison.Ordinal));

        var golden = Golden();
        await CreateAsync(http, golden.Keys);

        var replay = await http.PostAsJsonAsync("/api/v1/replays", new { dataSet = "sp500-daily-2000-2020", symbol = "SPX", speed = 0 });
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
        await WaitForReplayToFinishAsync(http, all, golden.Count);
        AssertSameAsGolden(golden, (await TryGetJsonAsync(http, "/api/v1/strategies"))!.Value.GetProperty("items").EnumerateArray().ToList());
    }

    private static async Task<System.Net.HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
    }

    /// <summary>Creates (and starts) one strategy per headless spec over REST.</summary>
    private static async Task CreateAsync(HttpClient http, IEnumerable<string> specs)
    {
        foreach (var spec in specs)
        {
            var response = await http.PostAsJsonAsync("/api/v1/strategies", Definition(spec));
            Assert.True(response.IsSuccessStatusCode, $"creating {spec}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Waits until the replay completed (failing at once if it failed) and every strategy processed every bar.</summary>
    private static Task WaitForReplayToFinishAsync(HttpClient http, IReadOnlyList<ClusterProcess> processes, int strategies)
        => WaitUntilAsync("the replay completed and every strategy processed every bar", processes, async () =>
        {
            if (await TryGetJsonAsync(http, "/api/v1/replays/current") is not { } r)
            {
                return false;
            }

            Assert.NotEqual("Failed", r.GetProperty("state").GetString());
            return r.GetProperty("state").GetString() == "Completed"
                && await TryGetJsonAsync(http, "/api/v1/strategies") is { } list
                && list.GetProperty("items").EnumerateArray().Count(s => s.GetProperty("barsProcessed").GetInt64() == TotalBars) == strategies;
        });

    private static int TradingActivations(JsonElement silo)
        => silo.GetProperty("activations").EnumerateObject()
            .Where(a => a.Name is "strategy" or "instrument" or "barsegment" or "metricsbucket" or "position")
            .Sum(a => a.Value.GetInt32());

    private static async Task<bool> ActiveSilosAsync(HttpClient http, int count)
        => await TryGetJsonAsync(http, "/api/v1/cluster") is { } c
            && c.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == count;

    /// <summary>SIGTERM, as an operator's <c>kill</c> or a container runtime sends it, then waits for the graceful exit (exit code 0).</summary>
    private static async Task TerminateAsync(ClusterProcess process)
    {
        process.Terminate();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{process.Name} exited {process.ExitCode} after SIGTERM:\n{Tail(process.Output)}");
    }

    private static void AssertSameAsGolden(Dictionary<string, JsonElement> golden, List<JsonElement> items)
    {
        Assert.Equal(golden.Count, items.Count);
        foreach (var item in items)
        {
            var expected = golden[Normalize(item.GetProperty("spec").GetString()!)];
            string spec = item.GetProperty("spec").GetString()!;
            Assert.True(expected.GetProperty("final_equity").GetDecimal() == item.GetProperty("equity").GetDecimal(), $"{spec}: equity {item.GetProperty("equity")} vs {expected.GetProperty("final_equity")}");
            Assert.True(expected.GetProperty("trades").GetInt32() == item.GetProperty("trades").GetInt32(), $"{spec}: trades {item.GetProperty("trades")} vs {expected.GetProperty("trades")}");
            Assert.True(expected.GetProperty("sharpe").GetDouble() == item.GetProperty("sharpe").GetDouble(), $"{spec}: sharpe {item.GetProperty("sharpe")} vs {expected.GetProperty("sharpe")}");
            Assert.True(expected.GetProperty("max_drawdown").GetDouble() == item.GetProperty("maxDrawdown").GetDouble(), $"{spec}: max drawdown {item.GetProperty("maxDrawdown")} vs {expected.GetProperty("max_drawdown")}");
        }
    }

    private static ClusterProcess Serve(string name, string database, string clusterId, int siloPort, int gatewayPort)
        => ClusterProcess.Start(name, "TradingRobotPlug.Silo.dll",
        [
            "serve", "--postgres", database, "--cluster-id", clusterId,
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
        ]);

    /// <summary>The REST definition of a headless spec such as <c>sma-cross:fast=50,slow=200</c>.</summary>
    private static object Definition(string spec)
    {
        var (kind, parameters) = Split(spec);
        return new { kind, parameters, instruments = new[] { "SPX" }, capital = 100_000m };
    }

    private static (string Kind, Dictionary<string, decimal> Parameters) Split(string spec)
    {
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (spec, []);
        }

        var parameters = spec[(colon + 1)..].Split(',')
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => decimal.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return (spec[..colon], parameters);
    }

    /// <summary>A spec with its parameters in name order, so the REST spec and the headless one compare.</summary>
    private static string Normalize(string spec)
    {
        var (kind, parameters) = Split(spec);
        return parameters.Count == 0
            ? kind
            : kind + ":" + string.Join(',', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The headless backtest's summary of the seven demo strategies (no fees, no slippage), by normalized spec.</summary>
    private static Dictionary<string, JsonElement> Golden()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "summary.json")));
        return document.RootElement.EnumerateArray()
            .Where(e => e.TryGetProperty("strategy", out var s) && s.GetString() != "portfolio")
            .ToDictionary(e => Normalize(e.GetProperty("strategy").GetString()!), e => e.Clone(), StringComparer.Ordinal);
    }

    private static async Task<JsonElement?> TryGetJsonAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            return null; // the API is still starting
        }
        catch (TaskCanceledException)
        {
            return null; // a request that outlived the client's timeout while a silo was being declared dead
        }
    }

    /// <summary>
    /// Re-checks <paramref name="condition"/> (a few REST reads) until it holds; fails with the processes' output when
    /// one of them exits or <see cref="Deadline"/> passes.
    /// </summary>
    private static async Task WaitUntilAsync(string what, IReadOnlyList<ClusterProcess> processes, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                Assert.Fail($"waiting for {what}: {exited.Name} exited.\n{Outputs(processes)}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"waiting for {what}: not reached within {Deadline}.\n{Outputs(processes)}");
            }

            await Task.Delay(250);
        }
    }

    private static string Outputs(IEnumerable<ClusterProcess> processes)
        => string.Join('\n', processes.Select(p => $"--- {p.Name} ---\n{Tail(p.Output)}"));

    private static string Tail(string text) => text.Length <= 6_000 ? text : text[^6_000..];

}
