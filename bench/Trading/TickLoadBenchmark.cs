using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.MarketData;
using static TradingRobotPlug.Benchmarks.Trading.StrategyMix;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Issue 3, live-style load: <see cref="TradingBenchmarkOptions.Symbols"/> synthetic symbols (seeded
/// <see cref="GbmTickGenerator"/>, one tick per symbol every <see cref="TradingBenchmarkOptions.TickSeconds"/> seconds
/// of a <see cref="TradingBenchmarkOptions.Hours"/>-hour session), each followed by
/// <see cref="TradingBenchmarkOptions.PerSymbol"/> strategy grains. Ticks are generated before the timed window,
/// then published through <c>IInstrumentGrain.PublishTicks</c> in rounds of <see cref="TradingBenchmarkOptions.TicksPerRound"/> ticks per
/// symbol (all symbols of a round at once, at most <see cref="MaxRoundsInFlight"/> round ahead of the delivery of its ticks and bars); the instrument grains fold them into one-minute bars. Every strategy
/// receives its symbol's ticks (marking its position, in batches per turn) and bars (trading). The window ends when
/// the runtime has delivered every tick and bar to every subscriber.
/// </summary>
public static class TickLoadBenchmark
{
    /// <summary>Rounds published ahead of the ticks the strategies have received.</summary>
    public const int MaxRoundsInFlight = 1;

    /// <summary>Attempts of one <c>PublishTicks</c> (with its sequence, so safe to repeat) before a transient failure ends the run.</summary>
    private const int PublishAttempts = 10;

    /// <summary>Attempts of a strategy's <c>Create</c> or <c>Start</c> in the setup after transient failures.</summary>
    private const int SetupAttempts = 5;

    private static readonly DateTimeOffset SessionOpen = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the load benchmark and prints the results as markdown.</summary>
    public static async Task<int> RunAsync(TradingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Describe();
        var loadBefore = MachineInfo.LoadAverage();
        Console.WriteLine($"Machine: {machine}");
        Console.WriteLine($"Load average at start: {loadBefore}");
        var symbols = Enumerable.Range(1, options.Symbols).Select(i => InstrumentId.Parse($"SYN{i:D4}")).ToArray();
        int steps = (int)(options.Hours * 3600 / options.TickSeconds);
        Console.WriteLine($"{symbols.Length} symbols × {options.PerSymbol} strategies = {symbols.Length * options.PerSymbol:N0} strategy grains; {steps:N0} ticks per symbol ({options.Hours} h at one tick per {options.TickSeconds} s)");
        using var counters = new RuntimeCounters();
        var runs = new List<LoadRun>();
        bool allOk = true;
        for (int r = 0; r < options.Repeat; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var run = await RunOnceAsync(options, symbols, steps, counters);
            allOk &= run.Complete;
            runs.Add(run);
            Console.WriteLine($"  run {r + 1}: {N0(run.TickDeliveries / run.Seconds)} tick deliveries/s over {run.Seconds:F2} s (10–90 %: {N0(run.SustainedItemsPerSecond)} items/s); peak working set {Mib(run.PeakWorkingSet)} MiB; {N0(run.Messages / run.Seconds)} grain messages/s, {run.ItemsPerTurn:F0} items per delivery call; CPU {run.CpuSeconds:F1} s; gen0/gen2 {run.Gen0}/{run.Gen2}; generation {run.GenerationSeconds:F1} s, setup {run.SetupSeconds:F1} s; {(run.Complete ? "complete" : "INCOMPLETE")}");
        }

        var loadAfter = MachineInfo.LoadAverage();
        var med = runs.OrderBy(x => x.TickDeliveries / x.Seconds).ElementAt(runs.Count / 2);
        double tickRate = med.TickDeliveries / med.Seconds;
        long peak = runs.Max(x => x.PeakWorkingSet);
        Console.WriteLine();
        Console.WriteLine($"### Run: {started:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"- Command: `dotnet run -c Release --project bench -- {options.CommandLine}`");
        Console.WriteLine($"- Machine: {machine}");
        Console.WriteLine($"- Load average (1 / 5 / 15 min) at start: {loadBefore}; at end: {loadAfter}");
        Console.WriteLine($"- {symbols.Length} symbols × {options.PerSymbol} = {symbols.Length * options.PerSymbol:N0} strategy grains; {med.Ticks:N0} ticks ({steps:N0} per symbol, {options.TicksPerRound} per symbol per publish), {med.Bars:N0} one-minute bars; {med.TickDeliveries:N0} tick deliveries and {med.Bars * options.PerSymbol:N0} bar deliveries per run; {options.Repeat} runs, each on a fresh silo; median run by tick rate");
        Console.WriteLine();
        Console.WriteLine("| Measure | Median run | Runs | Target | Met |");
        Console.WriteLine("|---|---:|---|---|---|");
        Console.WriteLine($"| tick deliveries to strategies/s (first publish → last tick and bar delivered) | {N0(tickRate)} | {string.Join(" / ", runs.Select(x => N0(x.TickDeliveries / x.Seconds)))} | ≥ 1,000,000/s | {(tickRate >= 1_000_000 ? "yes" : "no")} |");
        Console.WriteLine($"| window | {med.Seconds:F2} s | {string.Join(" / ", runs.Select(x => x.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} | | |");
        Console.WriteLine($"| all stream items (ticks + bars) delivered/s, 10 %–90 % of the window | {N0(med.SustainedItemsPerSecond)} | {string.Join(" / ", runs.Select(x => N0(x.SustainedItemsPerSecond)))} | | |");
        Console.WriteLine($"| grain messages/s (requests and one-way messages received by Orleans' dispatcher) | {N0(med.Messages / med.Seconds)} | | | |");
        Console.WriteLine($"| stream items (ticks, bars) per delivery call of a pulling agent (batching) | {med.ItemsPerTurn:F0} | | | |");
        Console.WriteLine($"| peak working set (sampled every 50 ms, whole process incl. pre-generated ticks) | {Mib(peak)} MiB | {string.Join(" / ", runs.Select(x => Mib(x.PeakWorkingSet)))} | < 2,048 MiB | {(peak < 2048L * 1024 * 1024 ? "yes" : "no")} |");
        Console.WriteLine($"| process peak resident set (VmHWM, since process start) | {Mib(runs[^1].ProcessPeakWorkingSet)} MiB | | | |");
        Console.WriteLine($"| managed heap after the run (before silo stop) | {Mib(med.HeapAfter)} MiB | | | |");
        Console.WriteLine($"| process CPU in the window | {med.CpuSeconds:F1} s ({med.CpuSeconds / med.Seconds:F2} cores) | | | |");
        Console.WriteLine($"| process CPU per delivered item (tick or bar; all threads, incl. publisher) | {med.CpuSeconds * 1e9 / ((med.Ticks + med.Bars) * options.PerSymbol):N0} ns | {string.Join(" / ", runs.Select(x => (x.CpuSeconds * 1e9 / ((x.Ticks + x.Bars) * options.PerSymbol)).ToString("N0", CultureInfo.InvariantCulture)))} | | |");
        Console.WriteLine($"| gen0 / gen2 collections in the window | {med.Gen0} / {med.Gen2} | | | |");
        Console.WriteLine($"| tick generation (untimed); create + start of the strategies | {med.GenerationSeconds:F1} s; {med.SetupSeconds:F1} s | | | |");
        Console.WriteLine($"| every strategy saw every completed bar of its symbol | {(allOk ? "yes, every run" : "NO")} | | | |");
        return allOk ? 0 : 1;
    }

    private static async Task<LoadRun> RunOnceAsync(TradingBenchmarkOptions options, InstrumentId[] symbols, int steps, RuntimeCounters counters)
    {
        var generationWatch = Stopwatch.StartNew();
        var rounds = Generate(options, symbols, steps);
        double generationSeconds = generationWatch.Elapsed.TotalSeconds;

        await using var silo = await TradingSilo.StartAsync(counters, options.StreamCacheSeconds);
        var client = silo.Client;
        var setupWatch = Stopwatch.StartNew();
        var grains = await CreateStrategiesAsync(client, options, symbols);
        double setupSeconds = setupWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  {grains.Length:N0} strategies created and started in {setupSeconds:F1} s; publishing");

        using var process = Process.GetCurrentProcess();
        long deliveriesBefore = counters.Deliveries;
        long messagesBefore = counters.Messages;
        long turnsBefore = counters.DeliveryTurns;
        long peakWorkingSet = 0;
        var cost = ProcessCost.Start();
        var published = await PublishAndDrainAsync(client, options, symbols, rounds, counters, () =>
        {
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        });
        var used = cost.Stop();
        long messages = counters.Messages - messagesBefore;
        long turns = counters.DeliveryTurns - turnsBefore;
        long delivered = counters.Deliveries - deliveriesBefore;
        process.Refresh();
        peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        long heapAfter = GC.GetTotalMemory(false);

        bool complete = published.Complete && await VerifyBarsAsync(grains, published.BarsBySymbol);
        return new LoadRun(
            published.Ticks, published.Bars, published.Ticks * options.PerSymbol, published.Seconds, published.SustainedItemsPerSecond, messages, turns == 0 ? 0 : (double)delivered / turns,
            peakWorkingSet, process.PeakWorkingSet64, heapAfter, used.CpuTime.TotalSeconds, used.Gen0, used.Gen2, generationSeconds, setupSeconds, complete);
    }

    /// <summary>Creates and starts the strategies (strategy <c>i</c>, id <c>t{i:D5}</c>, follows symbol <c>i</c> mod
    /// symbols), <see cref="TradingBenchmarkOptions.CreateConcurrency"/> at a time; not timed by the window.</summary>
    internal static async Task<IStrategyGrain[]> CreateStrategiesAsync(IClusterClient client, TradingBenchmarkOptions options, InstrumentId[] symbols)
    {
        int strategies = symbols.Length * options.PerSymbol;
        var settings = Create(strategies, i => symbols[i % symbols.Length], Timeframe.OneMinute);
        var grains = Enumerable.Range(1, strategies).Select(i => client.GetGrain<IStrategyGrain>($"t{i:D5}")).ToArray();
        int concurrency = options.CreateConcurrency;
        for (int from = 0; from < strategies; from += concurrency)
        {
            await Task.WhenAll(Enumerable.Range(from, Math.Min(concurrency, strategies - from)).Select(async i =>
            {
                // Create is idempotent for the same settings; Start is not (a repeat of a Start that ran is "already
                // running"), so a retried Start that finds the strategy running counts as done.
                await ClusterRetry.RunAsync(() => grains[i].Create(settings[i]), SetupAttempts, CancellationToken.None);
                bool retried = false;
                await ClusterRetry.RunAsync(
                    async () =>
                    {
                        try
                        {
                            await grains[i].Start();
                        }
                        catch (InvalidOperationException) when (retried)
                        {
                            if ((await grains[i].GetSnapshot()).Status != StrategyStatus.Running)
                            {
                                throw;
                            }

                            // Otherwise the attempt that timed out had started it.
                        }
                    },
                    SetupAttempts,
                    CancellationToken.None,
                    (_, _) => retried = true);
            }));
        }

        return grains;
    }

    /// <summary>
    /// The timed window: publishes every round (see the comment inside on pacing), waits until
    /// <paramref name="counts"/> has seen every tick and every completed bar delivered to all
    /// <see cref="TradingBenchmarkOptions.PerSymbol"/> subscribers (or <c>DrainTimeout</c>), and returns what was
    /// published and delivered. <paramref name="sample"/> runs every 50 ms in the window beside the delivery samples.
    /// </summary>
    internal static async Task<PublishResult> PublishAndDrainAsync(
        IClusterClient client, TradingBenchmarkOptions options, InstrumentId[] symbols, ImmutableArray<Tick>[][] rounds, IDeliveryCounts counts, Action sample)
    {
        var instruments = symbols.Select(s => client.GetGrain<IInstrumentGrain>(s.Symbol)).ToArray();
        long ticks = rounds.Sum(r => r.Sum(t => (long)t.Length));

        // Each publish carries its place in the instrument's tick sequence, so a publish that timed out or met a dead
        // silo is retried as it is and the instrument acknowledges ticks it already accepted without publishing them
        // again (the exact delivery count stays exact). One publish per instrument is outstanding (one round in flight).
        var sequences = (await Task.WhenAll(instruments.Select(i => i.GetSnapshot()))).Select(snapshot => snapshot.Ticks).ToArray();
        int retries = 0;
        Task PublishAsync(int s, ImmutableArray<Tick> batch)
        {
            long sequence = sequences[s];
            sequences[s] += batch.Length;
            return ClusterRetry.RunAsync(() => instruments[s].PublishTicks(batch, Timeframe.OneMinute, sequence), PublishAttempts, CancellationToken.None, (attempt, ex) =>
            {
                Interlocked.Increment(ref retries);
                Console.Error.WriteLine($"  retrying PublishTicks of {symbols[s]} at sequence {sequence:N0} after attempt {attempt}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            });
        }

        long deliveriesBefore = counts.Deliveries;
        long barDeliveriesBefore = counts.BarDeliveries;
        var samples = new List<(double Seconds, long Delivered)>();
        using var stopSampling = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                sample();
                lock (samples)
                {
                    samples.Add((stopwatch.Elapsed.TotalSeconds, counts.Deliveries - deliveriesBefore));
                }

                try
                {
                    await Task.Delay(SampleInterval, stopSampling.Token);
                }
                catch (OperationCanceledException) when (stopSampling.IsCancellationRequested)
                {
                    break;
                }
            }
        });

        // Rounds go out in order (a non-reentrant instrument grain runs its calls in arrival order), all symbols of a
        // round at once, and at most MaxRoundsInFlight rounds ahead of what the strategies have received: the ticks
        // AND the bars completed by that round (a lower bound: a minute's bar completes with the next minute's first
        // tick). On Orleans this bound is what keeps the memory-stream queues under their 16,384-event limit: every
        // strategy publishes one StrategyUpdated per bar batch on the single strategy-update stream (one queue), i.e.
        // 10,000 events per round; with 3 rounds in flight that queue overflowed (measured) and the publish of the
        // ticks that share it failed. One round in flight, gated on bars too, keeps it under one round's worth.
        var publishes = new List<Task>(rounds.Length * symbols.Length);
        long ticksThrough = 0;
        var ticksThroughRound = new long[rounds.Length];
        var barsThroughRound = new long[rounds.Length];
        for (int r = 0; r < rounds.Length; r++)
        {
            if (r >= MaxRoundsInFlight)
            {
                long neededTicks = ticksThroughRound[r - MaxRoundsInFlight] * options.PerSymbol;
                long neededBars = barsThroughRound[r - MaxRoundsInFlight] * options.PerSymbol;
                long stalledSince = Stopwatch.GetTimestamp();
                long lastSeen = -1;
                while (counts.Deliveries - counts.BarDeliveries - (deliveriesBefore - barDeliveriesBefore) < neededTicks
                    || counts.BarDeliveries - barDeliveriesBefore < neededBars)
                {
                    if (counts.Deliveries != lastSeen)
                    {
                        lastSeen = counts.Deliveries;
                        stalledSince = Stopwatch.GetTimestamp();
                    }
                    else if (Stopwatch.GetElapsedTime(stalledSince) > StallTimeout)
                    {
                        throw new InvalidOperationException(
                            $"No stream item delivered for {StallTimeout.TotalSeconds:F0} s before round {r}: ticks {counts.Deliveries - counts.BarDeliveries - (deliveriesBefore - barDeliveriesBefore):N0} of {neededTicks:N0}, bars {counts.BarDeliveries - barDeliveriesBefore:N0} of {neededBars:N0}, other events {counts.OtherEvents:N0}.");
                    }

                    await Task.Delay(1);
                }
            }

            var round = rounds[r];
            for (int s = 0; s < symbols.Length; s++)
            {
                publishes.Add(PublishAsync(s, round[s]));
                ticksThrough += round[s].Length;
            }

            ticksThroughRound[r] = ticksThrough;
            long stepsThrough = ticksThrough / symbols.Length;
            barsThroughRound[r] = symbols.Length * Math.Max(0, ((stepsThrough - 1) * options.TickSeconds / 60) - 1);
            rounds[r] = null!; // published: let the collector have it once delivered
        }

        await Task.WhenAll(publishes);
        if (retries > 0)
        {
            Console.WriteLine($"  {retries} PublishTicks attempts failed transiently and were retried");
        }

        long bars = 0;
        var barsBySymbol = new long[symbols.Length];
        for (int s = 0; s < symbols.Length; s++)
        {
            barsBySymbol[s] = (await instruments[s].GetSnapshot()).Bars;
            bars += barsBySymbol[s];
        }

        long expected = (ticks + bars) * options.PerSymbol;
        var deadline = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (counts.Deliveries - deliveriesBefore < expected && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(1);
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;
        long delivered = counts.Deliveries - deliveriesBefore;
        await stopSampling.CancelAsync();
        await sampler;
        bool complete = delivered == expected;
        if (!complete)
        {
            Console.Error.WriteLine($"delivered {delivered:N0} stream items, expected {expected:N0}");
        }

        return new PublishResult(ticks, bars, barsBySymbol, seconds, Sustained(samples, expected), complete);
    }

    /// <summary>Whether every strategy has processed exactly its symbol's bar count (<c>WaitForBars</c>, 30 s each).</summary>
    internal static async Task<bool> VerifyBarsAsync(IStrategyGrain[] grains, long[] barsBySymbol)
    {
        var waits = await Task.WhenAll(grains.Select((g, i) => g.WaitForBars(barsBySymbol[i % barsBySymbol.Length]).WaitAsync(TimeSpan.FromSeconds(30))));
        return waits.Select((w, i) => w == barsBySymbol[i % barsBySymbol.Length]).All(x => x);
    }

    /// <summary>Ticks per round and symbol, from one seeded generator over every symbol.</summary>
    internal static ImmutableArray<Tick>[][] Generate(TradingBenchmarkOptions options, InstrumentId[] symbols, int steps)
    {
        var instruments = symbols.Select((s, i) => new GbmInstrument(s, 20m + (i * 37 % 480), 0.05, 0.2 + (i % 5 * 0.1)));
        var generator = new GbmTickGenerator(instruments, SessionOpen, TimeSpan.FromSeconds(options.TickSeconds), options.Seed);
        int perRound = options.TicksPerRound;
        int roundCount = (steps + perRound - 1) / perRound;
        var rounds = new ImmutableArray<Tick>[roundCount][];
        for (int r = 0; r < roundCount; r++)
        {
            int inRound = Math.Min(perRound, steps - (r * perRound));
            var buffers = new Tick[symbols.Length][];
            for (int s = 0; s < symbols.Length; s++)
            {
                buffers[s] = new Tick[inRound];
            }

            for (int k = 0; k < inRound; k++)
            {
                var step = generator.NextStep();
                for (int s = 0; s < symbols.Length; s++)
                {
                    buffers[s][k] = step[s];
                }
            }

            rounds[r] = [.. buffers.Select(b => ImmutableCollectionsMarshal.AsImmutableArray(b))];
        }

        return rounds;
    }

    /// <summary>Delivery rate between the samples where 10 % and 90 % of the expected items had been delivered.</summary>
    private static double Sustained(List<(double Seconds, long Delivered)> samples, long expected)
    {
        lock (samples)
        {
            var from = samples.FirstOrDefault(s => s.Delivered >= expected / 10);
            var to = samples.FirstOrDefault(s => s.Delivered >= expected * 9 / 10);
            return to.Seconds > from.Seconds ? (to.Delivered - from.Delivered) / (to.Seconds - from.Seconds) : double.NaN;
        }
    }

    /// <summary>Mebibytes, formatted.</summary>
    internal static string Mib(long bytes) => N0(bytes / (1024.0 * 1024.0));

    /// <summary>What <see cref="PublishAndDrainAsync"/> published and whether every item was delivered.</summary>
    /// <param name="Ticks">Ticks published (over all symbols).</param>
    /// <param name="Bars">Bars the instrument grains completed.</param>
    /// <param name="BarsBySymbol">Bars completed per symbol.</param>
    /// <param name="Seconds">The window: first publish to last delivery.</param>
    /// <param name="SustainedItemsPerSecond">Deliveries/s between 10 % and 90 % of the expected items.</param>
    /// <param name="Complete">Exactly every tick and bar was delivered to every subscriber.</param>
    internal sealed record PublishResult(long Ticks, long Bars, long[] BarsBySymbol, double Seconds, double SustainedItemsPerSecond, bool Complete);

    private sealed record LoadRun(
        long Ticks,
        long Bars,
        long TickDeliveries,
        double Seconds,
        double SustainedItemsPerSecond,
        long Messages,
        double ItemsPerTurn,
        long PeakWorkingSet,
        long ProcessPeakWorkingSet,
        long HeapAfter,
        double CpuSeconds,
        int Gen0,
        int Gen2,
        double GenerationSeconds,
        double SetupSeconds,
        bool Complete);
}
