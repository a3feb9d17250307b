using System.Collections.Immutable;
using System.Diagnostics;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using static TradingRobotPlug.Benchmarks.Trading.StrategyMix;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Issue 3, trading replay: the daily S&amp;P 500 bars through <see cref="TradingBenchmarkOptions.Strategies"/> strategy
/// grains on one in-process silo, as the backtest command runs them (bars published to the instrument grain in chunks
/// of 512, every strategy awaited with <c>WaitForBars</c>), against a plain loop that runs the same
/// <see cref="StrategyEngine"/> objects over the same bars without grains or streams. On Orleans: a fresh silo per grain
/// run hosted as the backtest hosts it (<see cref="TradingSilo"/>); each chunk is one <c>BarsPublished</c>
/// event on the bar stream. Grain runs and plain loops are
/// interleaved (alternating which goes first) after one untimed warm-up of each, which also counts allocations.
/// </summary>
public static class ReplayBenchmark
{
    private const int PublishChunk = 512;

    /// <summary>Runs the replay benchmark and prints the results as markdown.</summary>
    public static async Task<int> RunAsync(TradingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Describe();
        var loadBefore = MachineInfo.LoadAverage();
        Console.WriteLine($"Machine: {machine}");
        Console.WriteLine($"Load average at start: {loadBefore}");

        var instrument = InstrumentId.Parse("SPX");
        var bars = new OhlcvCsvReader(instrument, Timeframe.OneDay).ReadAll(options.DataPath);
        var settings = Create(options.Strategies, _ => instrument, Timeframe.OneDay);
        var ids = Enumerable.Range(1, settings.Count).Select(i => StrategyId.Parse($"r{i:D4}")).ToList();
        Console.WriteLine($"{bars.Count} bars, {settings.Count} strategies ({Math.Min(settings.Count, DistinctSpecs)} distinct specs of 7 kinds)");
        using var counters = new RuntimeCounters();

        // Warm-up (JIT, tiered compilation), with allocations counted; not timed.
        long plainAllocated;
        using (var allocations = new AllocationListener())
        {
            allocations.Start();
            RunPlain(ids, settings, bars);
            plainAllocated = await allocations.StopAsync();
            allocations.Start();
            await RunGrainsAsync(ids, settings, bars, counters, null);
            var grainAllocated = await allocations.StopAsync();
            Console.WriteLine($"warm-up: allocated {N0((double)plainAllocated / (bars.Count * settings.Count))} B per strategy-bar in the plain loop, {N0((double)grainAllocated / (bars.Count * settings.Count))} B in the grain run (including silo start, strategy creation and stop)");
        }

        var plainRuns = new List<double>();
        var plainCpu = new List<double>();
        var grainRuns = new List<GrainRun>();
        for (int r = 0; r < options.Repeat; r++)
        {
            for (int k = 0; k < 2; k++)
            {
                bool plainNow = (k == 0) == (r % 2 == 0);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                if (plainNow)
                {
                    var (seconds, engines, cpu) = RunPlain(ids, settings, bars);
                    plainRuns.Add(seconds);
                    plainCpu.Add(cpu);
                    Console.WriteLine($"  plain loop: {seconds:F3} s ({N0(bars.Count * settings.Count / seconds)} strategy-bars/s); {cpu:F2} s CPU");
                    GC.KeepAlive(engines);
                }
                else
                {
                    var expected = RunPlain(ids, settings, bars).Engines;
                    var run = await RunGrainsAsync(ids, settings, bars, counters, expected);
                    grainRuns.Add(run);
                    Console.WriteLine($"  grains:     {run.ReplaySeconds:F3} s replay ({N0(bars.Count / run.ReplaySeconds)} bars/s, {N0(run.Messages / run.ReplaySeconds)} grain messages/s, {N0(run.Deliveries / run.ReplaySeconds)} stream items/s); silo start {run.StartSeconds:F2} s, create+start {run.SetupSeconds:F2} s; {run.CpuSeconds:F2} s CPU; gen0/gen2 {run.Gen0}/{run.Gen2}; results {(run.Matches ? "match" : "DIFFER")}");
                }
            }
        }

        var loadAfter = MachineInfo.LoadAverage();
        double plain = Median(plainRuns);
        double replay = Median(grainRuns.Select(g => g.ReplaySeconds));
        var ratios = Enumerable.Range(0, options.Repeat).Select(i => grainRuns[i].ReplaySeconds / plainRuns[i]).ToList();
        var med = grainRuns.OrderBy(g => g.ReplaySeconds).ElementAt(grainRuns.Count / 2);
        long strategyBars = (long)bars.Count * settings.Count;
        Console.WriteLine();
        Console.WriteLine($"### Run: {started:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
        Console.WriteLine($"- Command: `dotnet run -c Release --project bench -- {options.CommandLine}`");
        Console.WriteLine($"- Machine: {machine}");
        Console.WriteLine($"- Load average (1 / 5 / 15 min) at start: {loadBefore}; at end: {loadAfter}");
        Console.WriteLine($"- {bars.Count:N0} bars × {settings.Count} strategies = {strategyBars:N0} strategy-bars; {options.Repeat} interleaved pairs after one warm-up pair; medians");
        Console.WriteLine();
        Console.WriteLine("| Measure | Median | Runs | Target | Met |");
        Console.WriteLine("|---|---:|---|---|---|");
        Console.WriteLine($"| replay wall time (first publish → every strategy has every bar) | {replay:F3} s | {string.Join(" / ", grainRuns.Select(g => g.ReplaySeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} | < 2 s | {(replay < 2 ? "yes" : "no")} |");
        Console.WriteLine($"| bars/s (each bar to all {settings.Count} strategies) | {N0(bars.Count / replay)} | | | |");
        Console.WriteLine($"| strategy-bars/s | {N0(strategyBars / replay)} | | | |");
        Console.WriteLine($"| grain messages/s (requests run to completion) | {N0(Median(grainRuns.Select(g => g.Messages / g.ReplaySeconds)))} | {string.Join(" / ", grainRuns.Select(g => N0(g.Messages)))} messages | | |");
        Console.WriteLine($"| stream items delivered/s | {N0(Median(grainRuns.Select(g => g.Deliveries / g.ReplaySeconds)))} | {N0(med.Deliveries)} items (median run) | | |");
        Console.WriteLine($"| plain loop (same engines, no grains) | {plain:F3} s | {string.Join(" / ", plainRuns.Select(p => p.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} | | |");
        Console.WriteLine($"| overhead ratio (grain replay / plain loop) | {replay / plain:F2}× | {string.Join(" / ", ratios.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} (pairwise) | ≤ 3× | {(replay / plain <= 3 ? "yes" : "no")} |");
        Console.WriteLine($"| process CPU: grain replay; plain loop (all threads, so the plain loop includes idle runtime threads) | {Median(grainRuns.Select(g => g.CpuSeconds)):F2} s; {Median(plainCpu):F2} s | {string.Join(" / ", grainRuns.Select(g => g.CpuSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; {string.Join(" / ", plainCpu.Select(c => c.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} | | |");
        Console.WriteLine($"| silo start; create + start of the strategies | {Median(grainRuns.Select(g => g.StartSeconds)):F2} s; {Median(grainRuns.Select(g => g.SetupSeconds)):F2} s | | (not in the replay time) | |");
        Console.WriteLine($"| final equity of every grain = plain engine | {(grainRuns.All(g => g.Matches) ? "yes, every run" : "NO")} | | | |");
        return grainRuns.All(g => g.Matches) ? 0 : 1;
    }

    private static (double Seconds, List<StrategyEngine> Engines, double CpuSeconds) RunPlain(List<StrategyId> ids, IReadOnlyList<StrategySettings> settings, IReadOnlyList<Bar> bars)
    {
        var registry = StrategyRegistry.Default;
        var engines = new List<StrategyEngine>(ids.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            engines.Add(new StrategyEngine(ids[i], settings[i], registry));
        }

        var cost = ProcessCost.Start();
        var stopwatch = Stopwatch.StartNew();
        foreach (var engine in engines)
        {
            for (int b = 0; b < bars.Count; b++)
            {
                engine.OnBar(bars[b]);
            }
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;
        return (seconds, engines, cost.Stop().CpuTime.TotalSeconds);
    }

    private static async Task<GrainRun> RunGrainsAsync(
        List<StrategyId> ids, IReadOnlyList<StrategySettings> settings, IReadOnlyList<Bar> bars, RuntimeCounters counters, List<StrategyEngine>? expected)
    {
        var startWatch = Stopwatch.StartNew();
        await using var silo = await TradingSilo.StartAsync(counters);
        double startSeconds = startWatch.Elapsed.TotalSeconds;
        var client = silo.Client;

        var setupWatch = Stopwatch.StartNew();
        var grains = ids.Select(id => client.GetGrain<IStrategyGrain>(id.ToString())).ToList();
        await Task.WhenAll(grains.Select(async (g, i) =>
        {
            await g.Create(settings[i]);
            await g.Start();
        }));
        double setupSeconds = setupWatch.Elapsed.TotalSeconds;

        var chunks = bars.Chunk(PublishChunk).Select(c => ImmutableArray.Create(c)).ToList();
        var instrumentGrain = client.GetGrain<IInstrumentGrain>(bars[0].Instrument.Symbol);
        long messagesBefore = counters.Messages;
        long deliveriesBefore = counters.Deliveries;
        var cost = ProcessCost.Start();
        var stopwatch = Stopwatch.StartNew();
        foreach (var chunk in chunks)
        {
            await instrumentGrain.PublishBars(chunk);
        }

        await Task.WhenAll(grains.Select(g => g.WaitForBars(bars.Count)));
        double replaySeconds = stopwatch.Elapsed.TotalSeconds;
        var used = cost.Stop();

        bool matches = true;
        if (expected is not null)
        {
            for (int i = 0; i < grains.Count; i++)
            {
                var snapshot = await grains[i].GetSnapshot();
                if (snapshot.Equity != expected[i].Account.Equity || snapshot.BarsProcessed != expected[i].BarsProcessed || snapshot.Trades != expected[i].ClosedTrades.Count)
                {
                    Console.Error.WriteLine($"{ids[i]} ({settings[i].Spec}): grain equity {snapshot.Equity}, {snapshot.Trades} trades; plain {expected[i].Account.Equity}, {expected[i].ClosedTrades.Count} trades");
                    matches = false;
                }
            }
        }

        // Read after the checks: a strategy's WaitForBars completes inside its last delivery turn, before the counting
        // filter has counted that turn's bars; nothing else is published in between.
        long messages = counters.Messages - messagesBefore;
        long deliveries = counters.Deliveries - deliveriesBefore;
        return new GrainRun(startSeconds, setupSeconds, replaySeconds, messages, deliveries, used.CpuTime.TotalSeconds, used.Gen0, used.Gen2, matches);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record GrainRun(
        double StartSeconds, double SetupSeconds, double ReplaySeconds, long Messages, long Deliveries, double CpuSeconds, int Gen0, int Gen2, bool Matches);
}
