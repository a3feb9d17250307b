using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Replay;

/// <summary>
/// Issue 12, door 6, end to end: the API on a private PostgreSQL server (never the shared one of
/// <c>TRP_POSTGRES_CONNECTION</c>, since this test stops it) replays a small data set at a pace that takes seconds;
/// when the replay reports <see cref="StopAfterBars"/> bars published, PostgreSQL is stopped (<c>pg_ctl stop -m fast</c>)
/// before the replay goes on. Then a write answers 503
/// with Retry-After, <c>/health/ready</c> answers 503, and the replay reports that it waits for the storage instead of
/// failing. PostgreSQL is started again, and the replay completes by itself: the instrument holds every bar once, and
/// the strategies processed every bar once with exactly the trades and final equity of an undisturbed in-memory run.
/// Every step waits for an event or a condition (with minutes of margin), never for a fixed time.
/// </summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private const string DataSet = "outage-sample";
    private const string Symbol = "OUT";
    private const int Bars = 600;
    private const int StopAfterBars = 150;
    private const double Speed = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string[] Strategies = ["outage-sma-5-20", "outage-hold"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "trp-outage-" + Guid.NewGuid().ToString("N")[..12]);
    private PostgresServer? _postgres;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "data", DemoSeeder.DataSet + ".csv"));
        await File.WriteAllLinesAsync(Path.Combine(_dataDirectory, DataSet + ".csv"), lines.Take(Bars + 1));
        _postgres = await PostgresServer.StartPrivateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task With_PostgreSQL_stopped_mid_replay_writes_get_503_readiness_fails_and_the_replay_waits_then_completes_by_itself()
    {
        var postgres = _postgres!;
        string database = await postgres.CreateDatabaseAsync("outage");
        await using var api = new PostgresApiFactory(database).With("Trading:DataDirectory", _dataDirectory);
        using var http = api.CreateClient();
        await CreateStrategiesAsync(http);
        Assert.True(await StoredStatesAsync(database) > 0, "The API does not keep its state in PostgreSQL.");
        var replay = api.Services.GetRequiredService<MarketReplayService>();
        using var watcher = new ReplayWatcher(replay);

        // PostgreSQL stops on the replay's own progress event, before it goes on to the next chunk: the outage always
        // comes mid-replay, however slow the machine (pg_ctl stop takes from a fraction of a second to seconds).
        watcher.When(s => s.State == ReplayState.Running && s.PublishedBars >= StopAfterBars, _ => StopNow(postgres));
        var started = await http.PostJson("/api/v1/replays", new { dataSet = DataSet, symbol = Symbol, speed = Speed });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        // The replay waits for the storage, and says so over REST; it has not failed.
        await watcher.WaitFor("retrying for the storage", s => s.Retrying?.Reason == ReplayRetryReason.Storage, Timeout);
        var waiting = await (await http.GetAsync("/api/v1/replays/current")).Read<ReplayStatus>();
        Assert.Equal(ReplayState.Running, waiting.State);
        Assert.Equal(ReplayRetryReason.Storage, waiting.Retrying?.Reason);
        Assert.InRange(waiting.PublishedBars, StopAfterBars, Bars - 1);

        // A write is refused with 503 and Retry-After; readiness reports the storage.
        var write = await http.PostJson("/api/v1/strategies", new { id = "outage-probe", kind = "buy-and-hold", instruments = new[] { "OUTP" }, capital = 1_000m });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), write.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        await watcher.WaitFor("retrying again", s => s.Retrying is { Attempts: >= 2 }, Timeout);
        Assert.DoesNotContain(watcher.Seen, s => s.State == ReplayState.Failed);

        // PostgreSQL back: the replay completes by itself.
        await postgres.StartAgainAsync();
        var done = await watcher.WaitFor("Completed (or ended otherwise)", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        Assert.Equal(Bars, done.PublishedBars);
        Assert.Null(done.Retrying);
        Assert.DoesNotContain(watcher.Seen, s => s.State == ReplayState.Failed);
        Assert.Contains(watcher.Seen, s => s.Retrying is { Reason: ReplayRetryReason.Storage, Attempts: >= 2 });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        // Every bar once in the instrument, every bar once in each strategy, with the results of an undisturbed run.
        var client = api.Services.GetRequiredService<IClusterClient>();
        var instrument = client.GetGrain<IInstrumentGrain>(Symbol);
        var bars = await instrument.GetBars(Timeframe.OneDay, null, null, 10_000);
        Assert.Equal(Bars, bars.Length);
        Assert.Equal(Bars, bars.Select(b => b.OpenTime).Distinct().Count());
        Assert.Equal(Bars, (await instrument.GetSnapshot()).Bars);
        var outcomes = await OutcomesAsync(client);
        Assert.All(outcomes, o => Assert.Equal(Bars, o.BarsProcessed));
        Assert.Equal(await UndisturbedOutcomesAsync(), outcomes);
    }

    /// <summary>Stops PostgreSQL and returns when it is down; blocks the caller (the replay's loop, in its status event) meanwhile.</summary>
    private static void StopNow(PostgresServer postgres) => postgres.StopAsync().GetAwaiter().GetResult();

    private static async Task CreateStrategiesAsync(HttpClient http)
    {
        var sma = await http.PostJson("/api/v1/strategies", new
        {
            id = Strategies[0],
            kind = "sma-cross",
            parameters = new { fast = 5, slow = 20 },
            instruments = new[] { Symbol },
            capital = 100_000m,
            feeBps = 1m,
        });
        Assert.Equal(HttpStatusCode.Created, sma.StatusCode);
        var hold = await http.PostJson("/api/v1/strategies", new { id = Strategies[1], kind = "buy-and-hold", instruments = new[] { Symbol }, capital = 50_000m });
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
    }

    private static async Task<long> StoredStatesAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orleans_storage", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<StrategyOutcome[]> OutcomesAsync(IClusterClient client)
    {
        var outcomes = new List<StrategyOutcome>();
        foreach (var id in Strategies)
        {
            await client.GetGrain<IStrategyGrain>(id).WaitForBars(Bars).WaitAsync(Timeout);
            outcomes.Add(await StrategyOutcome.ReadAsync(client, id));
        }

        return [.. outcomes];
    }

    /// <summary>The same strategies and data set on the API with in-memory storage, replayed at full speed with no outage.</summary>
    private async Task<StrategyOutcome[]> UndisturbedOutcomesAsync()
    {
        await using var api = new ApiFactory().With("Trading:DataDirectory", _dataDirectory);
        using var http = api.CreateClient();
        await CreateStrategiesAsync(http);
        using var watcher = new ReplayWatcher(api.Services.GetRequiredService<MarketReplayService>());
        var started = await http.PostJson("/api/v1/replays", new { dataSet = DataSet, symbol = Symbol, speed = 0 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        return await OutcomesAsync(api.Services.GetRequiredService<IClusterClient>());
    }
}
