using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using TradingRobotPlug.Api.Tests.Realtime;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.Benchmarks.Trading;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Benchmarks.Api;

/// <summary>
/// The API process under load (issue 4, "Performance"): the strategy snapshot endpoint at an open-loop offered load,
/// tick-to-browser latency through the SignalR hub during a full-speed replay (default and high push rate), and many
/// concurrent SignalR clients receiving coalesced pushes. The API runs in this process on a real Kestrel port
/// (<see cref="ApiHost"/>); clients talk to it over loopback TCP. Prints a markdown report.
/// </summary>
public static class ApiBenchmark
{
    private const string DataSet = "sp500-daily-2000-2020";
    private const string Symbol = "SPX";
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    /// <summary>Runs the selected scenarios; 0 on success.</summary>
    public static async Task<int> RunAsync(ApiBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new List<string>
        {
            $"### Run: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC",
            string.Empty,
            $"- Command: `dotnet run -c Release --project bench -- {options.CommandLine}`",
            $"- Machine: {MachineInfo.Describe()}",
            $"- Load average (1 / 5 / 15 min) at start: {MachineInfo.LoadAverage()}",
        };
        Console.WriteLine(string.Join(Environment.NewLine, report));
        var sections = new List<string>();
        foreach (var scenario in options.Scenarios)
        {
            Console.WriteLine($"-- {scenario} (load {MachineInfo.LoadAverage()})");
            var lines = scenario switch
            {
                "snapshot" => await SnapshotAsync(options),
                "tick" => await TickToBrowserAsync(options),
                _ => await ClientsAsync(options),
            };
            sections.AddRange(lines);
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        }

        report.Add($"- Load average at end: {MachineInfo.LoadAverage()}");
        report.Add(string.Empty);
        report.AddRange(sections);
        Console.WriteLine();
        Console.WriteLine("==== report ====");
        Console.WriteLine(string.Join(Environment.NewLine, report));
        return 0;
    }

    // ---------------------------------------------------------------- snapshot endpoint

    private static async Task<List<string>> SnapshotAsync(ApiBenchmarkOptions o)
    {
        await using var host = await ApiHost.StartAsync(4, o.DataDirectory);
        var ids = await CreateStrategiesAsync(host, o.Strategies);
        using var http = NewHttpClient(host.BaseAddress, o.Connections);
        var grains = ids.Select(id => host.Client.GetGrain<IStrategyGrain>(id)).ToArray();
        double directBefore = await DirectSnapshotMicrosAsync(grains);
        var replayWatch = Stopwatch.StartNew();
        var replay = await ReplayAsync(http, 0);
        await Task.WhenAll(grains.Select(g => g.WaitForBars(replay.Bars)));
        double replaySeconds = replayWatch.Elapsed.TotalSeconds;
        double directMicros = await DirectSnapshotMicrosAsync(grains);
        Console.WriteLine($"direct IStrategyGrain.GetSnapshot: {directBefore:F1} µs per call before the replay, {directMicros:F1} µs after");
        var paths = ids.Select(id => $"api/v1/strategies/{id}/snapshot").ToArray();
        using (var probe = await http.GetAsync(paths[0]))
        {
            probe.EnsureSuccessStatusCode();
            Console.WriteLine($"snapshot size: {(await probe.Content.ReadAsByteArrayAsync()).Length} bytes");
        }

        var warm = await OpenLoopAsync(http, paths, o.Rate, o.Warmup);
        Console.WriteLine($"warm-up: {warm.Describe()}");
        var run = await OpenLoopAsync(http, paths, o.Rate, o.Seconds);
        Console.WriteLine($"measured: {run.Describe()}");
        var p99 = Percentile(run.FromScheduled, 0.99);
        return
        [
            "#### Strategy snapshot endpoint (open loop)",
            string.Empty,
            $"{o.Strategies} strategies after a speed-0 replay of `{DataSet}` ({replay.Bars:N0} bars; {replaySeconds:F2} s from `POST /api/v1/replays` to every strategy having every bar); " +
            $"`GET /api/v1/strategies/{{id}}/snapshot` round-robin over them; {o.Warmup:F0} s warm-up, then {o.Seconds:F0} s measured; " +
            $"HttpClient + SocketsHttpHandler, at most {o.Connections} connections.",
            string.Empty,
            "| Measure | Value | Target | Met |",
            "|---|---:|---|---|",
            $"| offered rate (scheduled) | {o.Rate:N0} req/s | 2,000 req/s | |",
            $"| achieved send rate; completion rate | {run.SendRate:N0} req/s; {run.CompletionRate:N0} req/s | | |",
            $"| requests; errors | {run.Count:N0}; {run.Errors:N0}{(run.FirstError is null ? string.Empty : $" ({run.FirstError})")} | 0 errors | {(run.Errors == 0 ? "yes" : "no")} |",
            $"| latency from scheduled send p50 / p99 / p99.9 / max | {Ms(Percentile(run.FromScheduled, 0.50))} / {Ms(p99)} / {Ms(Percentile(run.FromScheduled, 0.999))} / {Ms(Percentile(run.FromScheduled, 1))} | p99 < 5 ms | {(p99 < 5 ? "yes" : "no")} |",
            $"| latency from actual send (service time) p50 / p99 | {Ms(Percentile(run.FromSent, 0.50))} / {Ms(Percentile(run.FromSent, 0.99))} | | |",
            $"| generator lag (actual − scheduled send) p50 / p99 | {Ms(Percentile(run.Lag, 0.50))} / {Ms(Percentile(run.Lag, 0.99))} | | |",
            $"| process CPU during the window | {run.CpuSeconds:F2} s ({run.CpuSeconds / run.WallSeconds * 100:F0} % of one core; server and load generator) | | |",
            $"| `IStrategyGrain.GetSnapshot()` called directly, sequentially (no HTTP, no JSON): before the replay; after | {directBefore:F0} µs; {directMicros:F0} µs per call | | |",
            $"| warm-up run p50 / p99 (not counted) | {Ms(Percentile(warm.FromScheduled, 0.50))} / {Ms(Percentile(warm.FromScheduled, 0.99))} | | |",
            string.Empty,
        ];
    }

    /// <summary>Mean time of one <c>GetSnapshot</c> grain call, one at a time, after 2,000 unmeasured calls.</summary>
    private static async Task<double> DirectSnapshotMicrosAsync(IStrategyGrain[] grains)
    {
        const int Calls = 5000;
        for (int i = 0; i < 2000; i++)
        {
            await grains[i % grains.Length].GetSnapshot();
        }

        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Calls; i++)
        {
            await grains[i % grains.Length].GetSnapshot();
        }

        return watch.Elapsed.TotalMicroseconds / Calls;
    }

    private sealed record LoadRun(double[] FromScheduled, double[] FromSent, double[] Lag, int Count, int Errors, string? FirstError, double SendRate, double CompletionRate, double CpuSeconds, double WallSeconds)
    {
        public string Describe()
            => $"{Count} requests, {Errors} errors, send {SendRate:F0}/s, completed {CompletionRate:F0}/s, p50 {Ms(Percentile(FromScheduled, 0.5))}, p99 {Ms(Percentile(FromScheduled, 0.99))} ms (from scheduled), service p99 {Ms(Percentile(FromSent, 0.99))}";
    }

    /// <summary>
    /// Open loop: request <c>i</c> is due at <c>start + i / rate</c>, whatever happened to earlier ones; a dedicated
    /// thread sleeps 1 ms at a time and starts every request that is due (so it catches up after a stall instead of
    /// slowing down). Latency is measured from the scheduled time (no coordinated omission) and, separately, from the
    /// actual send.
    /// </summary>
    private static async Task<LoadRun> OpenLoopAsync(HttpClient http, string[] paths, int rate, double seconds)
    {
        int total = (int)(rate * seconds);
        var due = new long[total];
        var sent = new long[total];
        var done = new long[total];
        var status = new int[total];
        var tasks = new Task[total];
        string? firstError = null;
        double interval = Stopwatch.Frequency / (double)rate;
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        for (int i = 0; i < total; i++)
        {
            due[i] = start + (long)(i * interval);
        }

        async Task SendOne(int i)
        {
            sent[i] = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(paths[i % paths.Length], HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                status[i] = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}", null);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                status[i] = -1;
                Interlocked.CompareExchange(ref firstError, ex.GetType().Name + ": " + ex.Message, null);
            }

            done[i] = Stopwatch.GetTimestamp();
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var dispatched = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new Thread(() =>
        {
            int next = 0;
            while (next < total)
            {
                long now = Stopwatch.GetTimestamp();
                while (next < total && due[next] <= now)
                {
                    tasks[next] = SendOne(next);
                    next++;
                }

                if (next < total)
                {
                    Thread.Sleep(1);
                }
            }

            dispatched.SetResult(Stopwatch.GetTimestamp());
        })
        { IsBackground = true, Name = "open-loop dispatcher", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        long lastSent = await dispatched.Task;
        await Task.WhenAll(tasks);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long end = done.Max();

        var ok = Enumerable.Range(0, total).Where(i => status[i] == 200).ToArray();
        double wall = (end - start) / (double)Stopwatch.Frequency;
        return new LoadRun(
            [.. ok.Select(i => (done[i] - due[i]) / TicksPerMs)],
            [.. ok.Select(i => (done[i] - sent[i]) / TicksPerMs)],
            [.. Enumerable.Range(0, total).Select(i => (sent[i] - due[i]) / TicksPerMs)],
            total,
            total - ok.Length,
            firstError,
            total / ((lastSent - start) / (double)Stopwatch.Frequency),
            ok.Length / wall,
            cpuSeconds,
            wall);
    }

    // ---------------------------------------------------------------- tick to browser

    private static async Task<List<string>> TickToBrowserAsync(ApiBenchmarkOptions o)
    {
        var bars = new OhlcvCsvReader(InstrumentId.Parse(Symbol), Timeframe.OneDay).ReadAll(Path.Combine(o.DataDirectory, DataSet + ".csv"));
        int pacedBars = Math.Min(bars.Count - 1, (int)(o.PacedRate * o.PacedSeconds));
        var lines = new List<string>
        {
            "#### Tick-to-browser latency (SignalR)",
            string.Empty,
            $"Per round a fresh API with {o.Strategies} strategies on SPX; the first bar is published, one raw-WebSocket client joins " +
            $"`instrument:SPX` and `strategy:<first id>`, and an in-process observer subscribes to the SPX bar stream (after the notifier). Then bars of `{DataSet}` are published through " +
            "`IInstrumentGrain.PublishBars`, each bar stamped (`Stopwatch`) just before its call; the client stamps each message on receipt (same process, same clock). " +
            $"*full speed*: the remaining {bars.Count - 1:N0} bars in chunks of {o.Chunk}, back to back (what a speed-0 replay does); " +
            $"*paced*: {pacedBars:N0} bars one per call at {o.PacedRate:N0} bars/s (the demo's replay speed is 50). " +
            "Columns: *stream*: stamp → the bar reaches a client-side stream observer (the path the notifier's observer takes); *bar*: every bar in a `bar` push, " +
            "stamp → receipt by the browser client; *push*: per `bar` push, its newest bar; *metrics*: per `metrics` push of the strategy group, " +
            "stamp of the bar at its `lastBarTime` → receipt (includes the strategy grain's processing). " +
            $"{o.Rounds} rounds per row; every sample of every round pooled.",
            string.Empty,
            "| Mode | Push rate | Samples (bar / push / metrics) | stream p50 / p99 | bar p50 / p99 | push p50 / p99 | metrics p50 / p99 | publish wall time | p99 < 50 ms (bar / push / metrics) |",
            "|---|---|---|---:|---:|---:|---:|---:|---|",
        };
        foreach (var paced in new[] { false, true })
        {
            foreach (var rate in new[] { 4, o.HighPushRate })
            {
                var stream = new List<double>();
                var bar = new List<double>();
                var push = new List<double>();
                var metrics = new List<double>();
                var publish = new List<double>();
                for (int round = 0; round < o.Rounds; round++)
                {
                    var r = await TickRoundAsync(o, bars, rate, paced ? pacedBars : 0);
                    stream.AddRange(r.Stream);
                    bar.AddRange(r.Bar);
                    push.AddRange(r.Push);
                    metrics.AddRange(r.Metrics);
                    publish.Add(r.PublishSeconds);
                    Console.WriteLine($"{(paced ? "paced" : "full speed")}, push {rate}/s, round {round + 1}: stream p99 {Ms(Percentile(r.Stream, 0.99))}, bars {r.Bar.Count} (p99 {Ms(Percentile(r.Bar, 0.99))}), pushes {r.Push.Count} (p99 {Ms(Percentile(r.Push, 0.99))}), metrics {r.Metrics.Count} (p99 {Ms(Percentile(r.Metrics, 0.99))}), publish {r.PublishSeconds:F2} s, load {MachineInfo.LoadAverage()}");
                }

                static string Met(double p99) => p99 < 50 ? "yes" : "no";
                lines.Add($"| {(paced ? $"paced {o.PacedRate:N0} bars/s" : $"full speed (chunks of {o.Chunk})")} | {rate}/s{(rate == 4 ? " (default)" : string.Empty)} | " +
                    $"{bar.Count:N0} / {push.Count:N0} / {metrics.Count:N0} | {Ms(Percentile(stream, 0.5))} / {Ms(Percentile(stream, 0.99))} ms | " +
                    $"{Ms(Percentile(bar, 0.5))} / {Ms(Percentile(bar, 0.99))} ms | {Ms(Percentile(push, 0.5))} / {Ms(Percentile(push, 0.99))} ms | " +
                    $"{Ms(Percentile(metrics, 0.5))} / {Ms(Percentile(metrics, 0.99))} ms | " +
                    $"{string.Join(" / ", publish.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} s | " +
                    $"{Met(Percentile(bar, 0.99))} / {Met(Percentile(push, 0.99))} / {Met(Percentile(metrics, 0.99))} |");
            }
        }

        lines.Add(string.Empty);
        return lines;
    }

    private sealed record TickRound(List<double> Stream, List<double> Bar, List<double> Push, List<double> Metrics, double PublishSeconds);

    /// <summary>Stamps the arrival of bars at a client-side observer of the bar stream (one event per published batch).</summary>
    private sealed class StreamStamper(Action<IReadOnlyList<Bar>, long> onBars) : IAsyncObserver<BarsPublished>
    {
        public Task OnNextAsync(BarsPublished item, StreamSequenceToken? token = null)
        {
            onBars(item.Bars, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }

    /// <summary>One round: full speed when <paramref name="pacedBars"/> is 0, else that many bars one at a time at the paced rate.</summary>
    private static async Task<TickRound> TickRoundAsync(ApiBenchmarkOptions o, IReadOnlyList<Bar> bars, int pushesPerSecond, int pacedBars)
    {
        await using var host = await ApiHost.StartAsync(pushesPerSecond, o.DataDirectory);
        var ids = await CreateStrategiesAsync(host, o.Strategies);
        var instrument = host.Client.GetGrain<IInstrumentGrain>(Symbol);
        await instrument.PublishBars([bars[0]]);

        var byOpen = new Dictionary<DateTimeOffset, int>();
        var byClose = new Dictionary<DateTimeOffset, int>();
        for (int i = 0; i < bars.Count; i++)
        {
            byOpen[bars[i].OpenTime] = i;
            byClose[bars[i].CloseTime] = i;
        }

        var stamps = new long[bars.Count];
        var streamLatency = new List<double>();
        var barLatency = new List<double>();
        var pushLatency = new List<double>();
        var metricsLatency = new List<double>();
        var gate = new Lock();
        int last = pacedBars > 0 ? pacedBars : bars.Count - 1;
        bool barDone = false, metricsDone = false;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int measuring = 0;

        void OnStream(IReadOnlyList<Bar> items, long now)
        {
            lock (gate)
            {
                foreach (var b in items)
                {
                    if (byOpen.TryGetValue(b.OpenTime, out var index) && Volatile.Read(ref stamps[index]) is var stamp and not 0)
                    {
                        streamLatency.Add((now - stamp) / TicksPerMs);
                    }
                }
            }
        }

        void OnEvent(HubEvent e)
        {
            if (Volatile.Read(ref measuring) == 0)
            {
                return;
            }

            lock (gate)
            {
                if (e.Target == "bar")
                {
                    int newest = -1;
                    foreach (var b in e.Argument.GetProperty("bars").EnumerateArray())
                    {
                        if (byOpen.TryGetValue(b.GetProperty("openTime").GetDateTimeOffset(), out var index) && Volatile.Read(ref stamps[index]) is var stamp and not 0)
                        {
                            barLatency.Add((e.ReceivedTimestamp - stamp) / TicksPerMs);
                            newest = Math.Max(newest, index);
                        }
                    }

                    if (newest >= 0)
                    {
                        pushLatency.Add((e.ReceivedTimestamp - stamps[newest]) / TicksPerMs);
                    }

                    barDone |= newest == last;
                }
                else if (e.Target == "metrics")
                {
                    foreach (var s in e.Argument.EnumerateArray())
                    {
                        if (s.GetProperty("lastBarTime") is { ValueKind: JsonValueKind.String } t && byClose.TryGetValue(t.GetDateTimeOffset(), out var index)
                            && Volatile.Read(ref stamps[index]) is var stamp and not 0)
                        {
                            metricsLatency.Add((e.ReceivedTimestamp - stamp) / TicksPerMs);
                            metricsDone |= index == last;
                        }
                    }
                }

                if (barDone && metricsDone)
                {
                    finished.TrySetResult();
                }
            }
        }

        var socket = new ClientWebSocket();
        await socket.ConnectAsync(HubUri(host), CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(socket, OnEvent, keepEvents: false);
        await client.InvokeAsync("Join", $"instrument:{Symbol}");
        await client.InvokeAsync("Join", $"strategy:{ids[0]}");
        var observer = await host.Client.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<BarsPublished>(StreamId.Create(StreamNamespaces.Bars, Symbol))
            .SubscribeAsync(new StreamStamper(OnStream));
        await Task.Delay(500);
        Volatile.Write(ref measuring, 1);

        var watch = Stopwatch.StartNew();
        if (pacedBars > 0)
        {
            long start = Stopwatch.GetTimestamp();
            double interval = Stopwatch.Frequency / o.PacedRate;
            for (int i = 1; i <= pacedBars; i++)
            {
                long due = start + (long)((i - 1) * interval);
                if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { TotalMilliseconds: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                Volatile.Write(ref stamps[i], Stopwatch.GetTimestamp());
                await instrument.PublishBars([bars[i]]);
            }
        }
        else
        {
            for (int next = 1; next < bars.Count; next += o.Chunk)
            {
                int end = Math.Min(bars.Count, next + o.Chunk);
                var chunk = ImmutableArray.CreateBuilder<Bar>(end - next);
                long now = Stopwatch.GetTimestamp();
                for (int i = next; i < end; i++)
                {
                    chunk.Add(bars[i]);
                    Volatile.Write(ref stamps[i], now);
                }

                await instrument.PublishBars(chunk.MoveToImmutable());
            }
        }

        double publishSeconds = watch.Elapsed.TotalSeconds;
        await finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await observer.UnsubscribeAsync();
        lock (gate)
        {
            return new TickRound([.. streamLatency], [.. barLatency], [.. pushLatency], [.. metricsLatency], publishSeconds);
        }
    }

    // ---------------------------------------------------------------- concurrent clients

    private static async Task<List<string>> ClientsAsync(ApiBenchmarkOptions o)
    {
        await using var host = await ApiHost.StartAsync(4, o.DataDirectory);
        var ids = await CreateStrategiesAsync(host, o.Strategies);
        using var http = NewHttpClient(host.BaseAddress, 8);
        var process = Process.GetCurrentProcess();

        var (heap0, ws0) = Memory(process);
        var clients = new HubTestClient?[o.Clients];
        var failures = new List<string>();
        var connectWatch = Stopwatch.StartNew();
        using (var limit = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(async i =>
            {
                await limit.WaitAsync();
                try
                {
                    var socket = new ClientWebSocket();
                    await socket.ConnectAsync(HubUri(host), CancellationToken.None);
                    var client = await HubTestClient.ConnectAsync(socket, keepEvents: false);
                    try
                    {
                        await client.InvokeAsync("Join", "overview");
                        await client.InvokeAsync("Join", $"strategy:{ids[i % ids.Count]}");
                        clients[i] = client;
                    }
                    catch
                    {
                        await client.DisposeAsync();
                        throw;
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or HubInvocationException or InvalidOperationException or TimeoutException or IOException)
                {
                    lock (failures)
                    {
                        failures.Add($"client {i}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
                finally
                {
                    limit.Release();
                }
            }));
        }

        double connectSeconds = connectWatch.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        var (heap1, ws1) = Memory(process);
        var connected = clients.Where(c => c is not null).Select(c => c!).ToList();
        var baseline = connected.Select(c => c.Count).ToArray();
        Console.WriteLine($"{connected.Count} clients joined in {connectSeconds:F1} s; heap {heap0 / 1e6:F1} → {heap1 / 1e6:F1} MB, working set {ws0 / 1e6:F1} → {ws1 / 1e6:F1} MB");

        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long peakWs = ws1;
        var replay = ReplayAsync(http, o.ClientReplaySpeed);
        while (!replay.IsCompleted)
        {
            await Task.WhenAny(replay, Task.Delay(200));
            process.Refresh();
            peakWs = Math.Max(peakWs, process.WorkingSet64);
        }

        var replayResult = await replay;
        await Task.Delay(1000); // the last coalesced pushes
        double wallSeconds = wall.Elapsed.TotalSeconds;
        double cpuSeconds = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var received = connected.Select((c, i) => c.Count - baseline[i]).Order().ToArray();
        int closed = connected.Count(c => c.ClosedWith is not null);
        foreach (var failure in failures.Take(5))
        {
            Console.WriteLine(failure);
        }

        await Task.WhenAll(connected.Select(c => c.DisposeAsync().AsTask()));
        int n = Math.Max(1, connected.Count);
        return
        [
            "#### Concurrent SignalR clients",
            string.Empty,
            $"One API process (default push rate 4/s), {o.Strategies} strategies on SPX; {o.Clients:N0} raw-WebSocket clients (at most 32 connecting at a time), " +
            $"each joined to `overview` and `strategy:<id>` (ids round-robin, so {Math.Ceiling(o.Clients / (double)o.Strategies):N0} clients per strategy group); " +
            $"then a replay of `{DataSet}` at {o.ClientReplaySpeed:N0} bars/s (`POST /api/v1/replays`; {replayResult.Bars:N0} bars, {replayResult.Seconds:F1} s) and 1 s more for the last pushes. " +
            "Memory is measured after a forced full GC, before connecting and 1 s after the last join; clients and server share the process, " +
            "so the per-connection figures include both ends of each connection (an upper bound for the server alone).",
            string.Empty,
            "| Measure | Value |",
            "|---|---:|",
            $"| clients connected and joined; connect/join failures; closed by the server during the replay | {connected.Count:N0}; {failures.Count}; {closed} |",
            $"| time to connect and join all | {connectSeconds:F1} s |",
            $"| managed heap: before → after; per connection (both ends) | {heap0 / 1e6:F1} → {heap1 / 1e6:F1} MB; {(heap1 - heap0) / (double)n / 1024:F1} KB |",
            $"| working set: before → after; per connection (both ends); peak during replay | {ws0 / 1e6:F1} → {ws1 / 1e6:F1} MB; {(ws1 - ws0) / (double)n / 1024:F1} KB; {peakWs / 1e6:F1} MB |",
            $"| process CPU during replay + 1 s (server, grains and the {n:N0} clients' receive loops) | {cpuSeconds:F2} s over {wallSeconds:F1} s = {cpuSeconds / wallSeconds * 100:F0} % of one core |",
            $"| messages received per client (after the join state): min / median / max | {received.FirstOrDefault()} / {(received.Length == 0 ? 0 : received[received.Length / 2])} / {received.LastOrDefault()} |",
            $"| messages received by all clients; per second per client | {received.Sum():N0}; {received.Sum() / (double)n / wallSeconds:F1} |",
            string.Empty,
        ];
    }

    private static (long Heap, long WorkingSet) Memory(Process process)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        process.Refresh();
        return (GC.GetTotalMemory(false), process.WorkingSet64);
    }

    // ---------------------------------------------------------------- helpers

    private static async Task<List<string>> CreateStrategiesAsync(ApiHost host, int count)
    {
        var settings = StrategyMix.Create(count, _ => InstrumentId.Parse(Symbol), Timeframe.OneDay);
        var ids = Enumerable.Range(1, count).Select(i => $"api{i:D3}").ToList();
        for (int i = 0; i < count; i++)
        {
            var grain = host.Client.GetGrain<IStrategyGrain>(ids[i]);
            await grain.Create(settings[i]);
            await grain.Start();
        }

        return ids;
    }

    private sealed record ReplayRun(int Bars, double Seconds);

    /// <summary>Starts a replay of the S&amp;P file over REST and polls until it completed.</summary>
    private static async Task<ReplayRun> ReplayAsync(HttpClient http, double speed)
    {
        var watch = Stopwatch.StartNew();
        using (var start = await http.PostAsJsonAsync("api/v1/replays", new { dataSet = DataSet, symbol = Symbol, speed }))
        {
            if (start.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /api/v1/replays answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
            }
        }

        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("api/v1/replays/current"));
            var state = status.RootElement.GetProperty("state").GetString();
            if (state == "Completed")
            {
                return new ReplayRun(status.RootElement.GetProperty("totalBars").GetInt32(), watch.Elapsed.TotalSeconds);
            }

            if (state != "Running")
            {
                throw new InvalidOperationException($"Replay ended in state {state}: {status.RootElement}");
            }

            await Task.Delay(50);
        }
    }

    private static HttpClient NewHttpClient(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static Uri HubUri(ApiHost host) => new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/hubs/dashboard" }.Uri;

    private static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        int index = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }

    private static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value < 10 ? "F2" : "F1", System.Globalization.CultureInfo.InvariantCulture);
}
