using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>
/// The dashboard hub through a raw WebSocket speaking the JSON hub protocol. Each test uses its own strategy ids and
/// instrument symbol; replays run one at a time (tests of a class run one after the other).
/// </summary>
public sealed class DashboardHubTests : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ApiFactory _factory;
    private readonly ITestOutputHelper _output;

    public DashboardHubTests(ApiFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    private IClusterClient Cluster => _factory.Services.GetRequiredService<IClusterClient>();

    private MarketReplayService Replay => _factory.Services.GetRequiredService<MarketReplayService>();

    [Theory]
    [InlineData("nonsense", "Unknown group 'nonsense'")]
    [InlineData("", "empty")]
    [InlineData("strategy:Bad Id!", "not a valid strategy id")]
    [InlineData("strategy:no-such-strategy", "there is no strategy 'no-such-strategy'")]
    [InlineData("instrument:bad symbol", "not a valid instrument symbol")]
    [InlineData("instrument:NEVERSEEN", "no market data has been seen for 'NEVERSEEN'")]
    public async Task Unknown_groups_are_refused_with_a_clear_message_and_the_connection_stays_usable(string group, string expected)
    {
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);

        var error = await Assert.ThrowsAsync<HubInvocationException>(() => hub.InvokeAsync("Join", group));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await hub.InvokeAsync("Join", "overview");
        Assert.Null(hub.ClosedWith);
    }

    [Fact]
    public async Task Joining_sends_the_current_state_before_the_join_completes()
    {
        var strategy = await CreateAsync("rt-state", "buy-and-hold", "RTS", start: false);
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);

        // Everything asserted here arrived before Join completed (a push may interleave, so no order is asserted).
        await hub.InvokeAsync("Join", "overview");
        var overview = hub.Events();
        Assert.Contains(overview, e => e.Target == DashboardEvents.Replay);
        Assert.Contains(overview, e => e.Target == DashboardEvents.Metrics && e.Argument.EnumerateArray().Any(s => s.GetProperty("id").GetString() == "rt-state"));

        int mark = hub.Count;
        await hub.InvokeAsync("Join", "strategy:RT-State");
        var joined = hub.Events().Skip(mark).ToList();
        Assert.Superset(
            new HashSet<string> { DashboardEvents.Equity, DashboardEvents.Trade, DashboardEvents.Position, DashboardEvents.Metrics },
            joined.Select(e => e.Target).ToHashSet());
        var summary = Assert.Single(joined.First(e => e.Target == DashboardEvents.Metrics).Argument.EnumerateArray());
        Assert.Equal("rt-state", summary.GetProperty("id").GetString());
        Assert.Equal("buy-and-hold", summary.GetProperty("spec").GetString());
        Assert.Equal("Created", summary.GetProperty("status").GetString());
        Assert.Equal(["RTS"], summary.GetProperty("instruments").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(100_000m, summary.GetProperty("equity").GetDecimal());
        Assert.Equal(0, summary.GetProperty("barsProcessed").GetInt64());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("sharpe").ValueKind);
        var trades = joined.First(e => e.Target == DashboardEvents.Trade).Argument;
        Assert.Equal("rt-state", trades.GetProperty("strategyId").GetString());
        Assert.Empty(trades.GetProperty("trades").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, trades.GetProperty("openTrade").ValueKind);
        Assert.Equal(StrategyStatus.Created, (await strategy.GetSnapshot()).Status);
    }

    [Fact]
    public async Task A_full_speed_replay_pushes_trades_and_metrics_that_equal_the_final_grain_state()
    {
        var sma = await CreateAsync("rt-sma", "sma-cross:fast=10,slow=30", "RTA", start: false);
        var hold = await CreateAsync("rt-hold", "buy-and-hold", "RTA", start: false);
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);
        await hub.InvokeAsync("Join", "strategy:rt-sma");
        await sma.Start();
        await hold.Start();

        var started = await Replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "RTA", 0));
        await sma.WaitForBars(started.TotalBars).WaitAsync(Timeout);
        var events = await hub.WaitUntilAsync(
            all => all.Any(e => e.Target == DashboardEvents.Metrics && Single(e).GetProperty("barsProcessed").GetInt64() == started.TotalBars),
            Timeout);
        await WaitForReplayAsync(ReplayState.Completed);

        var snapshot = await sma.GetSnapshot();
        var expectedTrades = await sma.GetTrades();
        var tradeEvents = events.Where(e => e.Target == DashboardEvents.Trade).ToList();
        var closed = tradeEvents
            .SelectMany(e => e.Argument.GetProperty("trades").Deserialize<TradeRecord[]>(Json)!)
            .DistinctBy(t => (t.Instrument, t.Side, t.EntryTime))
            .ToList();
        Assert.All(closed, t => Assert.False(t.IsOpen));
        var open = tradeEvents[^1].Argument.GetProperty("openTrade").Deserialize<TradeRecord?>(Json);
        var received = open is null ? closed : [.. closed, open];
        Assert.True(snapshot.Trades > 5, $"the test needs trades; got {snapshot.Trades}");
        Assert.Equal(expectedTrades.Length, received.Count);
        Assert.Equal(expectedTrades, received);
        _output.WriteLine($"{started.TotalBars} bars, {expectedTrades.Length} trades; received {tradeEvents.Count} trade and {events.Count(e => e.Target == DashboardEvents.Metrics)} metrics events");

        var last = Single(events.Last(e => e.Target == DashboardEvents.Metrics));
        Assert.Equal(snapshot.Equity, last.GetProperty("equity").GetDecimal());
        Assert.Equal(snapshot.Cash, last.GetProperty("cash").GetDecimal());
        Assert.Equal(snapshot.Trades, last.GetProperty("trades").GetInt64());
        Assert.Equal(snapshot.Equity - 100_000m, last.GetProperty("netPnl").GetDecimal());
        Assert.Equal(snapshot.BarsProcessed, last.GetProperty("barsProcessed").GetInt64());
        Assert.Equal("Running", last.GetProperty("status").GetString());
        Assert.Equal(snapshot.Metrics!.Sharpe, last.GetProperty("sharpe").GetDouble());

        // Equity points (thinned when a push holds more than the cap) are points of the curve with its drawdown.
        var curve = await sma.GetEquityCurve();
        var expectedPoints = new Dictionary<DateTimeOffset, (decimal Equity, double Drawdown)>();
        decimal peak = 0;
        foreach (var p in curve)
        {
            peak = Math.Max(peak, p.Equity);
            expectedPoints[p.Time] = (p.Equity, (double)(1m - (p.Equity / peak)));
        }

        var points = events.Where(e => e.Target == DashboardEvents.Equity)
            .SelectMany(e => e.Argument.GetProperty("points").EnumerateArray())
            .Select(p => (Time: p.GetProperty("time").GetDateTimeOffset(), Equity: p.GetProperty("equity").GetDecimal(), Drawdown: p.GetProperty("drawdown").GetDouble()))
            .ToList();
        Assert.All(points, p => Assert.Equal(expectedPoints[p.Time], (p.Equity, p.Drawdown)));
        Assert.Equal(curve[^1].Time, points[^1].Time);
        Assert.DoesNotContain(events, e => e.Target == DashboardEvents.Metrics && Single(e).GetProperty("id").GetString() != "rt-sma");

        // A late joiner's state holds only the latest mark (the page downloads the whole curve once, over REST), with
        // its drawdown from the curve's peak.
        await using var late = await HubTestClient.ConnectAsync(_factory.Server);
        await late.InvokeAsync("Join", "strategy:rt-sma");
        var joinEquity = Assert.Single(late.Events(DashboardEvents.Equity));
        var latest = Assert.Single(joinEquity.Argument.GetProperty("points").EnumerateArray());
        Assert.Equal(curve[^1].Time, latest.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(expectedPoints[curve[^1].Time], (latest.GetProperty("equity").GetDecimal(), latest.GetProperty("drawdown").GetDouble()));
    }

    [Fact]
    public async Task Pushes_per_group_stay_within_the_configured_rate_during_a_full_speed_replay_and_carry_the_latest_values()
    {
        var strategy = await CreateAsync("rt-rate", "buy-and-hold", "RTC", start: true);
        var counters = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var meterFactory = _factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DashboardMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counters.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.Start();
        var statusChanges = 0;
        void Count(ReplayStatus _) => Interlocked.Increment(ref statusChanges);
        await using var strategyClient = await HubTestClient.ConnectAsync(_factory.Server);
        await using var overviewClient = await HubTestClient.ConnectAsync(_factory.Server);
        var clock = Stopwatch.StartNew();
        await strategyClient.InvokeAsync("Join", "strategy:rt-rate");
        await overviewClient.InvokeAsync("Join", "overview");
        int strategyMark = strategyClient.Count, overviewMark = overviewClient.Count;

        Replay.StatusChanged += Count;
        ReplayStatus started;
        try
        {
            started = await Replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "RTC", 0));
            await strategy.WaitForBars(started.TotalBars).WaitAsync(Timeout);
            await overviewClient.WaitUntilAsync(
                all => all.Skip(overviewMark).Any(e => e.Target == DashboardEvents.Replay && e.Argument.GetProperty("state").GetString() == "Completed"),
                Timeout);
            await strategyClient.WaitUntilAsync(
                all => all.Skip(strategyMark).Any(e => e.Target == DashboardEvents.Metrics && Single(e).GetProperty("barsProcessed").GetInt64() == started.TotalBars),
                Timeout);
            await overviewClient.WaitUntilAsync(
                all => all.Skip(overviewMark).Any(e => e.Target == DashboardEvents.Metrics && e.Argument.EnumerateArray()
                    .Any(s => s.GetProperty("id").GetString() == "rt-rate" && s.GetProperty("barsProcessed").GetInt64() == started.TotalBars)),
                Timeout);
        }
        finally
        {
            Replay.StatusChanged -= Count;
        }

        double elapsed = clock.Elapsed.TotalSeconds;
        int rate = 4;
        double bound = (rate * elapsed) + 2;
        _output.WriteLine($"{elapsed:F2} s, {statusChanges} replay status changes; strategy group: "
            + string.Join(", ", strategyClient.Events().Skip(strategyMark).GroupBy(e => e.Target).Select(g => $"{g.Key}×{g.Count()}"))
            + "; overview: " + string.Join(", ", overviewClient.Events().Skip(overviewMark).GroupBy(e => e.Target).Select(g => $"{g.Key}×{g.Count()}")));
        foreach (var target in new[] { DashboardEvents.Metrics, DashboardEvents.Position, DashboardEvents.Trade, DashboardEvents.Equity })
        {
            int pushes = strategyClient.Events(target, strategyMark).Count;
            Assert.True(pushes <= bound, $"{pushes} '{target}' pushes to strategy:rt-rate in {elapsed:F2} s (bound {bound:F1})");
        }

        foreach (var target in new[] { DashboardEvents.Replay, DashboardEvents.Metrics })
        {
            int pushes = overviewClient.Events(target, overviewMark).Count;
            Assert.True(pushes <= bound, $"{pushes} '{target}' pushes to overview in {elapsed:F2} s (bound {bound:F1})");
        }

        Assert.True(statusChanges >= started.TotalBars / 256, $"replay raised {statusChanges} status changes");
        _output.WriteLine(string.Join(", ", counters.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}")));
        Assert.True(counters.GetValueOrDefault("trp.realtime.pushes") > 0);
        Assert.True(counters.GetValueOrDefault("trp.realtime.events.received") >= statusChanges);
        if (statusChanges > bound)
        {
            // More replay events than the overview could get pushes: some were coalesced.
            Assert.True(counters.GetValueOrDefault("trp.realtime.events.coalesced") > 0);
        }

        var lastReplay = overviewClient.Events(DashboardEvents.Replay)[^1].Argument;
        Assert.Equal("Completed", lastReplay.GetProperty("state").GetString());
        Assert.Equal(started.TotalBars, lastReplay.GetProperty("publishedBars").GetInt32());
        var leaderboard = overviewClient.Events(DashboardEvents.Metrics, overviewMark)
            .SelectMany(e => e.Argument.EnumerateArray())
            .Last(s => s.GetProperty("id").GetString() == "rt-rate");
        Assert.Equal(started.TotalBars, leaderboard.GetProperty("barsProcessed").GetInt64());
        Assert.Equal((await strategy.GetSnapshot()).Equity, leaderboard.GetProperty("equity").GetDecimal());
    }

    [Fact]
    public async Task Leaving_a_group_stops_its_pushes()
    {
        var strategy = await CreateAsync("rt-leave", "buy-and-hold", "RTL", start: true);
        var notifier = _factory.Services.GetRequiredService<DashboardNotifier>();
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);
        await hub.InvokeAsync("Join", "strategy:rt-leave");
        int joined = hub.Count;

        await Replay.StartAsync(new ReplayRequest(DemoSeeder.DataSet, "RTL", 250));
        try
        {
            await hub.WaitUntilAsync(all => all.Skip(joined).Count(e => e.Target == DashboardEvents.Position) >= 2, Timeout);
            await hub.InvokeAsync("Leave", "strategy:rt-leave");
            int left = hub.Count;
            long barsAtLeave = (await strategy.GetSnapshot()).BarsProcessed;
            Assert.Equal(0, notifier.MemberCount("strategy:rt-leave"));

            // The overview's pushes prove that flushes ran after the strategy moved on.
            await hub.InvokeAsync("Join", "overview");
            await hub.WaitUntilAsync(
                all => all.Skip(left).Any(e => e.Target == DashboardEvents.Metrics
                    && e.Argument.EnumerateArray().Any(s => s.GetProperty("id").GetString() == "rt-leave" && s.GetProperty("barsProcessed").GetInt64() >= barsAtLeave + 100)),
                Timeout);

            var after = hub.Events().Skip(left).ToList();
            foreach (var target in new[] { DashboardEvents.Trade, DashboardEvents.Position })
            {
                // At most one push from a flush that was already sending when Leave ran.
                Assert.True(after.Count(e => e.Target == target) <= 1, $"'{target}' still pushed after Leave");
            }

            Assert.True(after.Count(e => e.Target == DashboardEvents.Equity && e.Argument.GetProperty("strategyId").GetString() == "rt-leave") <= 1);
        }
        finally
        {
            if (Replay.Status.State == ReplayState.Running)
            {
                await Replay.StopAsync();
            }
        }
    }

    [Fact]
    public async Task An_instrument_group_gets_its_latest_bars_on_join_and_new_bars_as_pushes()
    {
        var instrument = InstrumentId.Parse("RTI");
        var grain = Cluster.GetGrain<IInstrumentGrain>("RTI");
        var t0 = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
        await grain.PublishBars([Bar.Create(instrument, Timeframe.OneDay, t0, 10, 11, 9, 10.5m, 100)]);
        await using var hub = await HubTestClient.ConnectAsync(_factory.Server);

        await hub.InvokeAsync("Join", "instrument:rti");
        var state = Assert.Single(hub.Events(DashboardEvents.Bar)).Argument;
        Assert.Equal("RTI", state.GetProperty("symbol").GetString());
        Assert.Equal(10.5m, Assert.Single(state.GetProperty("bars").EnumerateArray()).GetProperty("close").GetDecimal());

        await grain.PublishBars([
            Bar.Create(instrument, Timeframe.OneDay, t0.AddDays(1), 10.5m, 12, 10, 11.5m, 100),
            Bar.Create(instrument, Timeframe.OneDay, t0.AddDays(2), 11.5m, 13, 11, 12.5m, 100),
        ]);
        var events = await hub.WaitUntilAsync(all => all.Where(e => e.Target == DashboardEvents.Bar).Sum(e => e.Argument.GetProperty("bars").GetArrayLength()) >= 3, Timeout);
        var closes = events.Where(e => e.Target == DashboardEvents.Bar).Skip(1)
            .SelectMany(e => e.Argument.GetProperty("bars").EnumerateArray())
            .Select(b => b.GetProperty("close").GetDecimal());
        Assert.Equal([11.5m, 12.5m], closes);
    }

    private static JsonElement Single(HubEvent e) => Assert.Single(e.Argument.EnumerateArray().ToList());

    private async Task<IStrategyGrain> CreateAsync(string id, string spec, string symbol, bool start)
    {
        var grain = Cluster.GetGrain<IStrategyGrain>(id);
        await grain.Create(new StrategySettings(spec, [InstrumentId.Parse(symbol)], Timeframe.OneDay, 100_000m));
        if (start)
        {
            await grain.Start();
        }

        return grain;
    }

    private async Task WaitForReplayAsync(ReplayState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStatus(ReplayStatus s)
        {
            if (s.State == state)
            {
                reached.TrySetResult();
            }
        }

        Replay.StatusChanged += OnStatus;
        try
        {
            if (Replay.Status.State != state)
            {
                await reached.Task.WaitAsync(Timeout);
            }
        }
        finally
        {
            Replay.StatusChanged -= OnStatus;
        }
    }
}
