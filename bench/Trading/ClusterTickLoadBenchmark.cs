using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Hosting;
using static TradingRobotPlug.Benchmarks.Trading.StrategyMix;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// The tick load of <see cref="TickLoadBenchmark"/> (same ticks, strategies, pacing and exact delivery count) driven
/// as an Orleans client against a cluster of <c>load-silo</c> processes on PostgreSQL (<c>bench/tickload-cluster.sh
/// N</c>): the strategies are created through the client and placed at random over the silos, the driver publishes
/// through the instrument grains, and the silos count the bars and ticks delivered on them and report them with their
/// CPU and memory (<see cref="LoadSiloReporter"/>). Prints a markdown report with a row per silo.
/// </summary>
public static class ClusterTickLoadBenchmark
{
    /// <summary>Runs one tick load on the cluster named by <see cref="TradingBenchmarkOptions.Cluster"/>.</summary>
    public static async Task<int> RunAsync(TradingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Describe();
        var loadBefore = MachineInfo.LoadAverage();
        Console.WriteLine($"Machine (driver process): {machine}");
        Console.WriteLine($"Load average at start: {loadBefore}");
        var symbols = Enumerable.Range(1, options.Symbols).Select(i => InstrumentId.Parse($"SYN{i:D4}")).ToArray();
        int steps = (int)(options.Hours * 3600 / options.TickSeconds);
        Console.WriteLine($"{symbols.Length} symbols × {options.PerSymbol} strategies = {symbols.Length * options.PerSymbol:N0} strategy grains; {steps:N0} ticks per symbol ({options.Hours} h at one tick per {options.TickSeconds} s); cluster '{options.Cluster}', {options.Silos} silos");

        var generationWatch = Stopwatch.StartNew();
        var rounds = TickLoadBenchmark.Generate(options, symbols, steps);
        double generationSeconds = generationWatch.Elapsed.TotalSeconds;

        await using var target = await ClusterLoadTarget.ConnectAsync(options.Postgres!, options.Cluster!, options.Silos);
        var silos = target.Latest.Select(r => r.Silo).Order(StringComparer.Ordinal).ToArray();
        Console.WriteLine($"  {silos.Length} silos active and reporting: {string.Join(", ", silos)}");
        var setupWatch = Stopwatch.StartNew();
        var grains = await TickLoadBenchmark.CreateStrategiesAsync(target.Client, options, symbols);
        // Each instrument registers itself in the one instrument directory grain on its first publish. Before that grain
        // coalesced its writes (one PostgreSQL write per new symbol, one at a time), 500 first publishes at once queued
        // past the 10 s response timeout (measured: Register and PublishTicks dropped as expired, the run stalled), so
        // the symbols are registered here, a few at a time (Register is idempotent: retried after a transient failure).
        var instrumentDirectory = target.Client.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key);
        foreach (var chunk in symbols.Chunk(options.CreateConcurrency))
        {
            await Task.WhenAll(chunk.Select(symbol => ClusterRetry.RunAsync(() => instrumentDirectory.Register(symbol), 10, CancellationToken.None)));
        }

        double setupSeconds = setupWatch.Elapsed.TotalSeconds;
        var activationsAfterSetup = await target.ActivationsAsync();
        Console.WriteLine($"  {grains.Length:N0} strategies created and started, {symbols.Length} symbols registered, in {setupSeconds:F1} s; strategies per silo {string.Join(" / ", silos.Select(s => activationsAfterSetup.GetValueOrDefault(s).Strategies))}; publishing");

        var before = target.Latest.ToDictionary(r => r.Silo, StringComparer.Ordinal);
        double? machineBefore = LinuxCpu.MachineBusySeconds();
        double? postgresBefore = options.PostgresPid is { } pid0 ? LinuxCpu.ProcessTreeSeconds(pid0) : null;
        target.ResetPeaks();
        var driverCost = ProcessCost.Start();
        var published = await TickLoadBenchmark.PublishAndDrainAsync(target.Client, options, symbols, rounds, target, () => { });
        var driverUsed = driverCost.Stop();
        var after = target.Latest.ToDictionary(r => r.Silo, StringComparer.Ordinal);
        double? machineAfter = LinuxCpu.MachineBusySeconds();
        double? postgresAfter = options.PostgresPid is { } pid1 ? LinuxCpu.ProcessTreeSeconds(pid1) : null;
        var peaks = target.PeakWorkingSets();
        var activationsAtEnd = await target.ActivationsAsync();
        bool complete = published.Complete && await TickLoadBenchmark.VerifyBarsAsync(grains, published.BarsBySymbol);
        var loadAfter = MachineInfo.LoadAverage();

        double seconds = published.Seconds;
        long items = (published.Ticks + published.Bars) * options.PerSymbol;
        long tickDeliveries = published.Ticks * options.PerSymbol;
        double siloCpu = silos.Sum(s => after[s].CpuSeconds - before[s].CpuSeconds);
        double driverCpu = driverUsed.CpuTime.TotalSeconds;
        double? postgresCpu = postgresAfter - postgresBefore;
        double? machineCpu = machineAfter - machineBefore;
        long messages = silos.Sum(s => after[s].Messages - before[s].Messages);
        long turns = silos.Sum(s => after[s].DeliveryTurns - before[s].DeliveryTurns);
        string Cores(double cpu) => $"{cpu:F1} s ({cpu / seconds:F2} cores)";
        string PerItem(double cpu) => $"{N0(cpu * 1e9 / items)} ns";

        Console.WriteLine($"  {N0(tickDeliveries / seconds)} tick deliveries/s over {seconds:F2} s; silos' CPU {siloCpu:F1} s; {(complete ? "complete" : "INCOMPLETE")}");
        Console.WriteLine();
        Console.WriteLine($"### Cluster run: {started:yyyy-MM-dd HH:mm} UTC, {silos.Length} silo process{(silos.Length == 1 ? string.Empty : "es")}");
        Console.WriteLine();
        Console.WriteLine($"- Command (driver): `dotnet bench/bin/Release/net10.0/TradingRobotPlug.Benchmarks.dll {Redacted(options)}`");
        Console.WriteLine($"- Machine (driver): {machine}");
        Console.WriteLine($"- Load average (1 / 5 / 15 min) at start: {loadBefore}; at end: {loadAfter}");
        Console.WriteLine($"- {symbols.Length} symbols × {options.PerSymbol} = {grains.Length:N0} strategy grains; {published.Ticks:N0} ticks ({steps:N0} per symbol, {options.TicksPerRound} per symbol per publish), {published.Bars:N0} one-minute bars; {tickDeliveries:N0} tick deliveries and {published.Bars * options.PerSymbol:N0} bar deliveries");
        Console.WriteLine();
        Console.WriteLine("| Measure | Value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| tick deliveries to strategies/s (first publish → last tick and bar delivered) | {N0(tickDeliveries / seconds)} |");
        Console.WriteLine($"| window | {seconds:F2} s |");
        Console.WriteLine($"| all stream items (ticks + bars) delivered/s, 10 %–90 % of the window | {N0(published.SustainedItemsPerSecond)} |");
        Console.WriteLine($"| grain messages/s received by the silos' dispatchers (incl. the load reports, ~{1000 / ILoadReportGrain.ReportPeriodMilliseconds * silos.Length + 200}/s) | {N0(messages / seconds)} |");
        Console.WriteLine($"| stream items per delivery call of a pulling agent | {(turns == 0 ? "n/a" : ((double)(after.Values.Sum(r => r.Deliveries) - before.Values.Sum(r => r.Deliveries)) / turns).ToString("F0", CultureInfo.InvariantCulture))} |");
        Console.WriteLine($"| CPU of the silo processes in the window | {Cores(siloCpu)} |");
        Console.WriteLine($"| CPU of the driver (client) process | {Cores(driverCpu)} |");
        Console.WriteLine($"| CPU of the PostgreSQL server (postmaster and backends) | {(postgresCpu is { } pg ? Cores(pg) : "not measured (no --postgres-pid)")} |");
        Console.WriteLine($"| CPU of the whole machine (every process, incl. other engineers') | {(machineCpu is { } m ? Cores(m) : "n/a")} |");
        Console.WriteLine($"| CPU per delivered item (tick or bar): silos only; silos + driver + PostgreSQL | {PerItem(siloCpu)}; {(postgresCpu is { } pg2 ? PerItem(siloCpu + driverCpu + pg2) : PerItem(siloCpu + driverCpu) + " (without PostgreSQL)")} |");
        Console.WriteLine($"| tick generation (untimed); create + start of the strategies and registration of the symbols (untimed) | {generationSeconds:F1} s; {setupSeconds:F1} s |");
        Console.WriteLine($"| every tick and bar delivered exactly, every strategy saw every completed bar of its symbol | {(complete ? "yes" : "NO")} |");
        Console.WriteLine($"| bars and ticks delivered again after a timed-out delivery call (at-least-once; not counted above) | {N0(silos.Sum(s => after[s].Redeliveries - before[s].Redeliveries))} |");
        Console.WriteLine();
        Console.WriteLine("| Silo (address, pid, GC) | Strategies after setup → end | All activations after setup → end | Items delivered on it | CPU in window | CPU per item delivered on it | Peak working set in window (VmHWM) | Managed heap at end | gen0 / gen2 | Messages received/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var silo in silos)
        {
            var b = before[silo];
            var a = after[silo];
            var setup = activationsAfterSetup.GetValueOrDefault(silo);
            var end = activationsAtEnd.GetValueOrDefault(silo);
            long delivered = a.Deliveries - b.Deliveries;
            double cpu = a.CpuSeconds - b.CpuSeconds;
            Console.WriteLine($"| {silo}, pid {a.ProcessId}, {(a.ServerGc ? "server" : "workstation")} | {setup.Strategies:N0} → {end.Strategies:N0} | {setup.All:N0} → {end.All:N0} | {delivered:N0} | {Cores(cpu)} | {(delivered == 0 ? "n/a" : N0(cpu * 1e9 / delivered) + " ns")} | {TickLoadBenchmark.Mib(peaks.GetValueOrDefault(silo))} MiB ({TickLoadBenchmark.Mib(a.PeakWorkingSet)} MiB) | {TickLoadBenchmark.Mib(a.ManagedHeap)} MiB | {a.Gen0 - b.Gen0} / {a.Gen2 - b.Gen2} | {N0((a.Messages - b.Messages) / seconds)} |");
        }

        return complete ? 0 : 1;
    }

    /// <summary>The command line with the connection string's password, if any, left out.</summary>
    private static string Redacted(TradingBenchmarkOptions options)
        => System.Text.RegularExpressions.Regex.Replace(options.CommandLine, "Password=[^; ]*", "Password=…", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
