using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Tests.Replay;

/// <summary>
/// Issue 12, door 6, replay side, on the API with in-memory storage made to fail like a stopped PostgreSQL
/// (<see cref="FlakyGrainStorage"/>): the replay waits through the outage with the wait in its status, pause and stop
/// still work while it waits, and it goes on by itself when the storage is back, with every bar published once and the
/// strategies' results those of an undisturbed replay of the same bars. The failure starts exactly before the chunk
/// after bar 1,024 (the replay's own status event triggers it), whatever the machine's speed.
/// </summary>
public sealed class ReplayStorageRetryTests(FlakyStorageApiFactory factory) : IClassFixture<FlakyStorageApiFactory>
{
    private const int FailAfter = 1_024;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_replay_waits_through_a_storage_outage_showing_it_then_publishes_every_bar_once()
    {
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        await CreateStrategiesAsync(client, "wait", "FLW");
        using var watcher = new ReplayWatcher(replay);
        watcher.When(s => s.State == ReplayState.Running && s.PublishedBars >= FailAfter, _ => factory.Storage.Fail("barsegment"));

        await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLW", 0));
        var waiting = await watcher.WaitFor("retrying a second time", s => s.Retrying is { Attempts: >= 2 }, Timeout);
        Assert.Equal(ReplayState.Running, waiting.State);
        Assert.Equal(ReplayRetryReason.Storage, waiting.Retrying!.Reason);
        Assert.Equal(FailAfter, waiting.PublishedBars);
        Assert.Contains("Error from storage provider", waiting.Retrying.Error, StringComparison.Ordinal);
        Assert.True(waiting.Retrying.NextAttemptUtc > waiting.Retrying.SinceUtc);
        using (var http = factory.CreateClient())
        {
            var rest = await (await http.GetAsync("/api/v1/replays/current")).Read<ReplayStatus>();
            Assert.Equal(ReplayState.Running, rest.State);
            Assert.Equal(ReplayRetryReason.Storage, rest.Retrying?.Reason);
            Assert.True(rest.Retrying!.Attempts >= 2, $"{rest.Retrying}");
        }

        factory.Storage.Heal();
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        Assert.Null(done.Retrying);
        Assert.DoesNotContain(watcher.Seen, s => s.State == ReplayState.Failed);

        await AssertPublishedOnceAndSameAsUndisturbedAsync(client, replay, "wait", "FLW", done.TotalBars);
    }

    [Fact]
    public async Task A_chunk_whose_instrument_write_failed_after_its_bars_were_stored_is_published_once_on_retry()
    {
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        await CreateStrategiesAsync(client, "part", "FLP");
        using var watcher = new ReplayWatcher(replay);
        watcher.When(s => s.State == ReplayState.Running && s.PublishedBars >= FailAfter, _ => factory.Storage.Fail("instrument"));
        watcher.When(s => s.Retrying is not null, _ => factory.Storage.Heal());
        int failuresBefore = factory.Storage.Failures;

        await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLP", 0));
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        var retried = Assert.Single(watcher.Seen, s => s.Retrying is not null);
        Assert.Equal(FailAfter, retried.PublishedBars);
        Assert.Equal(ReplayRetryReason.Storage, retried.Retrying!.Reason);
        Assert.Equal(1, factory.Storage.Failures - failuresBefore);

        await AssertPublishedOnceAndSameAsUndisturbedAsync(client, replay, "part", "FLP", done.TotalBars);
    }

    [Fact]
    public async Task After_a_write_stored_but_unanswered_in_an_outage_the_state_conflict_is_retried_and_every_bar_published_once()
    {
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        await CreateStrategiesAsync(client, "lost", "FLL");
        using var watcher = new ReplayWatcher(replay);
        watcher.When(s => s.State == ReplayState.Running && s.PublishedBars >= FailAfter, _ => factory.Storage.LoseNextWriteAnswer("instrument"));

        await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLL", 0));
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);

        // The chunk whose answer was lost is retried as a storage failure (its bars are already held, so nothing is
        // stored twice); the retry saves the instrument's state again (its last write looked failed), which conflicts
        // with the version stored meanwhile: Orleans deactivates it, and the next retry reloads the stored state and
        // goes on.
        var retried = watcher.Seen.Where(s => s.Retrying is not null).Select(s => (s.PublishedBars, s.Retrying!.Reason)).ToList();
        Assert.Equal([(FailAfter, ReplayRetryReason.Storage), (FailAfter, ReplayRetryReason.Conflict)], retried);

        await AssertPublishedOnceAndSameAsUndisturbedAsync(client, replay, "lost", "FLL", done.TotalBars);
    }

    [Fact]
    public async Task Pause_resume_and_stop_work_while_the_replay_waits_for_the_storage_and_a_new_start_continues()
    {
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        await CreateStrategiesAsync(client, "ctl", "FLC");
        using var watcher = new ReplayWatcher(replay);
        watcher.When(s => s.State == ReplayState.Running && s.PublishedBars >= FailAfter, _ => factory.Storage.Fail("barsegment"));

        await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLC", 0));
        var first = await watcher.WaitFor("retrying", s => s.Retrying is not null, Timeout);

        var paused = replay.Pause();
        Assert.Equal(ReplayState.Paused, paused.State);
        Assert.NotNull(paused.Retrying);
        var resumed = replay.Resume();
        Assert.Equal(ReplayState.Running, resumed.State);
        var again = await watcher.WaitFor("retrying after the resume", s => s.State == ReplayState.Running && s.Retrying is { } r && r.Attempts > first.Retrying!.Attempts, Timeout);
        Assert.Equal(FailAfter, again.PublishedBars);

        var stopped = await replay.StopAsync().WaitAsync(Timeout);
        Assert.Equal(ReplayState.Stopped, stopped.State);
        Assert.Null(stopped.Retrying);
        Assert.Equal(FailAfter, stopped.PublishedBars);

        factory.Storage.Heal();
        var restarted = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLC", 0));
        Assert.Equal(FailAfter, restarted.PublishedBars);
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped && s.StartedUtc == restarted.StartedUtc, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        Assert.DoesNotContain(watcher.Seen, s => s.State == ReplayState.Failed);

        await AssertPublishedOnceAndSameAsUndisturbedAsync(client, replay, "ctl", "FLC", done.TotalBars);
    }

    [Fact]
    public async Task When_the_last_chunks_instrument_write_fails_after_its_bars_were_stored_the_retry_still_saves_the_instrument()
    {
        var replay = factory.Services.GetRequiredService<MarketReplayService>();
        var client = factory.Services.GetRequiredService<IClusterClient>();
        await CreateStrategiesAsync(client, "last", "FLZ");
        using var watcher = new ReplayWatcher(replay);
        watcher.When(s => s.State == ReplayState.Running && s.Symbol == "FLZ" && s.TotalBars - s.PublishedBars is > 0 and <= MarketReplayService.FastChunk,
            _ => factory.Storage.Fail("instrument"));
        watcher.When(s => s.Retrying is not null, _ => factory.Storage.Heal());

        await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "FLZ", 0));
        var done = await watcher.WaitFor("Completed", s => s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
        Assert.Equal(ReplayState.Completed, done.State);
        var retried = Assert.Single(watcher.Seen, s => s.Retrying is not null);
        Assert.InRange(done.TotalBars - retried.PublishedBars, 1, MarketReplayService.FastChunk);

        // The retry found every bar of the last chunk held; the instrument's stored state must hold them too (checked
        // after every activation is collected).
        await AssertPublishedOnceAndSameAsUndisturbedAsync(client, replay, "last", "FLZ", done.TotalBars);
    }

    private static async Task CreateStrategiesAsync(IClusterClient client, string prefix, string symbol)
    {
        var instrument = InstrumentId.Parse(symbol);
        var sma = client.GetGrain<IStrategyGrain>($"{prefix}-sma-{symbol.ToLowerInvariant()}");
        await sma.Create(new StrategySettings("sma-cross:fast=5,slow=20", [instrument], Timeframe.OneDay, 100_000m, FeeBps: 1m));
        await sma.Start();
        var hold = client.GetGrain<IStrategyGrain>($"{prefix}-hold-{symbol.ToLowerInvariant()}");
        await hold.Create(new StrategySettings("buy-and-hold", [instrument], Timeframe.OneDay, 50_000m));
        await hold.Start();
    }

    /// <summary>
    /// The instrument holds every bar once (in memory and, after every activation is collected, in its stored state),
    /// and the strategies processed every bar once with the results of the same strategies on an undisturbed replay of
    /// the same data set to <paramref name="symbol"/><c>.REF</c>.
    /// </summary>
    private static async Task AssertPublishedOnceAndSameAsUndisturbedAsync(IClusterClient client, MarketReplayService replay, string prefix, string symbol, int total)
    {
        var reference = symbol + ".REF";
        await CreateStrategiesAsync(client, prefix, reference);
        using (var watcher = new ReplayWatcher(replay))
        {
            var started = await replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, reference, 0));
            var done = await watcher.WaitFor("the reference Completed", s => s.Symbol == reference && s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped, Timeout);
            Assert.Equal(ReplayState.Completed, done.State);
        }

        foreach (var kind in (string[])["sma", "hold"])
        {
            var id = $"{prefix}-{kind}-{symbol.ToLowerInvariant()}";
            var referenceId = $"{prefix}-{kind}-{reference.ToLowerInvariant()}";
            await client.GetGrain<IStrategyGrain>(id).WaitForBars(total).WaitAsync(Timeout);
            await client.GetGrain<IStrategyGrain>(referenceId).WaitForBars(total).WaitAsync(Timeout);
            var outcome = await StrategyOutcome.ReadAsync(client, id);
            Assert.Equal(total, outcome.BarsProcessed);
            Assert.Equal(await StrategyOutcome.ReadAsync(client, referenceId), outcome);
        }

        var instrument = client.GetGrain<IInstrumentGrain>(symbol);
        var bars = await instrument.GetBars(Timeframe.OneDay, null, null, 10_000);
        Assert.Equal(total, bars.Length);
        Assert.Equal(total, bars.Select(b => b.OpenTime).Distinct().Count());
        Assert.Equal(total, (await instrument.GetSnapshot()).Bars);

        await client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(total, (await instrument.GetSnapshot()).Bars);
        Assert.Equal(total, (await instrument.GetBars(Timeframe.OneDay, null, null, 10_000)).Length);
    }
}
