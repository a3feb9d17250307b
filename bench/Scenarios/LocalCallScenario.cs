using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Hosting;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// Host code calling grains: <c>callers</c> concurrent loops, each awaiting <see cref="IPingGrain.Ping"/> on a
/// pseudo-random one of <see cref="Grains"/> grains, one call at a time. Every 16th call's latency is sampled.
/// </summary>
public static class LocalCallScenario
{
    /// <summary>Number of target grains.</summary>
    public const int Grains = 1_000;

    /// <summary>The target rate with 64 callers or more.</summary>
    public const double TargetRate = 1_000_000;

    /// <summary>Runs once with <paramref name="callers"/> callers.</summary>
    public static async Task<ScenarioResult> RunAsync(int callers, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(callers);
        await using var silo = await BenchSilo.StartAsync(probe);
        var grains = new IPingGrain[Grains];
        for (int i = 0; i < grains.Length; i++)
        {
            grains[i] = silo.Client.GetGrain<IPingGrain>(i);
        }

        await Task.WhenAll(grains.Select(g => g.Ping(0)));
        var loops = Enumerable.Range(0, callers).Select(c => Task.Run(() => CallLoopAsync(c, grains, probe))).ToArray();
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        await Task.WhenAll(loops);

        var latency = probe.MergedHistogram();
        bool hasTarget = callers >= 64;
        return new ScenarioResult(
            $"local calls, {callers} caller{(callers == 1 ? string.Empty : "s")} → {Grains:N0} grains",
            window.Rate,
            "calls/s",
            latency.PercentileMilliseconds(50),
            latency.PercentileMilliseconds(99),
            string.Create(CultureInfo.InvariantCulture, $"slowest caller {window.Slowest:N0} calls; {window.Progressed}/{callers} callers progressed"),
            hasTarget ? "≥ 1,000,000 calls/s, every caller progresses" : "—",
            hasTarget ? window.Rate >= TargetRate && window.Progressed == callers : null).WithCost(window);
    }

    private static async Task CallLoopAsync(int slot, IPingGrain[] grains, BenchProbe probe)
    {
        var histogram = probe.Histograms[slot];
        uint random = ((uint)(slot + 1) * 2654435761u) | 1;
        int n = 0;
        while (!probe.Stopping)
        {
            random ^= random << 13;
            random ^= random >> 17;
            random ^= random << 5;
            var grain = grains[random % (uint)grains.Length];
            if ((n & 15) == 0 && probe.Recording)
            {
                long start = Stopwatch.GetTimestamp();
                await grain.Ping(n);
                histogram.Record(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                await grain.Ping(n);
            }

            probe.Counters.Add(slot, 1);
            n++;
        }
    }
}
