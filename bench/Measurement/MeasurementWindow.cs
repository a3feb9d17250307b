using System.Diagnostics;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// Progress of every worker over a steady-state window: the counters are read after a warm-up, latencies are
/// recorded only inside the window, and the counters are read again at its end. The window also records the
/// process's CPU time and managed allocations, which depend much less than wall-clock rates on what else runs on
/// a shared machine.
/// </summary>
/// <param name="Before">Counters at the start of the window.</param>
/// <param name="After">Counters at its end.</param>
/// <param name="Seconds">The window's measured length.</param>
/// <param name="Cost">CPU time and collections in the window.</param>
/// <param name="BytesPerOp">Bytes allocated per operation, counted in one more second after the window.</param>
public sealed record MeasurementWindow(long[] Before, long[] After, double Seconds, ProcessCost Cost, double BytesPerOp)
{
    private static readonly TimeSpan AllocationWindow = TimeSpan.FromSeconds(1);

    /// <summary>Total progress in the window.</summary>
    public long Total => After.Sum() - Before.Sum();

    /// <summary>Total progress per second.</summary>
    public double Rate => Total / Seconds;

    /// <summary>The least progress any worker made in the window.</summary>
    public long Slowest => Enumerable.Range(0, After.Length).Min(i => After[i] - Before[i]);

    /// <summary>How many workers made any progress in the window.</summary>
    public int Progressed => Enumerable.Range(0, After.Length).Count(i => After[i] > Before[i]);

    /// <summary>Waits out <paramref name="warmup"/>, then measures for <paramref name="duration"/> with latency recording
    /// on, then counts allocations for one more second (allocation events cost CPU, so not inside the window).</summary>
    public static async Task<MeasurementWindow> MeasureAsync(BenchProbe probe, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(probe);
        await Task.Delay(warmup);
        var before = probe.Counters.Snapshot();
        var cost = ProcessCost.Start();
        long start = Stopwatch.GetTimestamp();
        probe.Recording = true;
        await Task.Delay(duration);
        var after = probe.Counters.Snapshot();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        probe.Recording = false;
        var spent = cost.Stop();

        using var allocations = new AllocationListener();
        long opsBefore = probe.Counters.Total();
        allocations.Start();
        await Task.Delay(AllocationWindow);
        long bytes = await allocations.StopAsync();
        long ops = probe.Counters.Total() - opsBefore;
        return new MeasurementWindow(before, after, seconds, spent, ops == 0 ? double.NaN : (double)bytes / ops);
    }
}
