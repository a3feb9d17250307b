using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Hosting;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// Activates <see cref="Activations"/> <see cref="SmallGrain"/>s with one call each (100 concurrent callers, each
/// on its own keys) and measures activations/s and the managed heap each idle activation keeps
/// (<see cref="GC.GetTotalMemory(bool)"/> after a full collection, before and after, divided). Allocations per
/// activation come from the runtime's allocation events (<see cref="AllocationListener"/>).
/// </summary>
public static class ActivationScenario
{
    /// <summary>Grains activated per run.</summary>
    public const int Activations = 100_000;

    /// <summary>Target activation rate.</summary>
    public const double TargetRate = 50_000;

    /// <summary>Target managed bytes per idle activation.</summary>
    public const double TargetBytes = 1_500;

    private const int Callers = 100;
    private const int WarmupGrains = 2_000;

    /// <summary>Runs once.</summary>
    public static async Task<ScenarioResult> RunAsync()
    {
        var probe = new BenchProbe(1);
        await using var silo = await BenchSilo.StartAsync(probe);

        // Warm-up on other keys: JIT, thread pool, directory growth of the first few thousand entries.
        await ActivateAsync(silo.Client, Activations, WarmupGrains);
        using var allocations = new AllocationListener();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        allocations.Start();
        var cost = ProcessCost.Start();
        long start = Stopwatch.GetTimestamp();
        await ActivateAsync(silo.Client, 0, Activations);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var spent = cost.Stop();
        long allocated = await allocations.StopAsync();
        long after = GC.GetTotalMemory(forceFullCollection: true);

        double rate = Activations / seconds;
        double bytesPerActivation = (after - before) / (double)Activations;
        return new ScenarioResult(
            $"activations, {Activations:N0} small grains, {Callers} callers",
            rate,
            "activations/s",
            null,
            null,
            string.Create(CultureInfo.InvariantCulture, $"{bytesPerActivation:N0} bytes of managed heap per idle activation"),
            "≥ 50,000 activations/s; ≤ 1,500 bytes/activation",
            rate >= TargetRate && bytesPerActivation <= TargetBytes)
        {
            Extra = bytesPerActivation,
            CpuNanosPerOp = spent.CpuNanosPer(Activations),
            BytesPerOp = (double)allocated / Activations,
        };
    }

    private static Task ActivateAsync(IClusterClient client, long firstKey, int count)
        => Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (long key = firstKey + c; key < firstKey + count; key += Callers)
            {
                await client.GetGrain<ISmallGrain>(key).Touch();
            }
        })));
}
