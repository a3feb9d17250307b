using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Hosting;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// Grain-to-grain calls: <see cref="Drivers"/> <see cref="DriverGrain"/>s each call pseudo-random ones of the
/// <see cref="LocalCallScenario.Grains"/> ping grains in a loop, from inside their own turns. The host only keeps
/// asking each driver for the next chunk of calls.
/// </summary>
public static class GrainToGrainScenario
{
    /// <summary>Number of driver grains.</summary>
    public const int Drivers = 100;

    private const int CallsPerChunk = 2_000;

    /// <summary>Runs once.</summary>
    public static async Task<ScenarioResult> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(Drivers);
        await using var silo = await BenchSilo.StartAsync(probe);
        var drivers = Enumerable.Range(0, Drivers).Select(i => silo.Client.GetGrain<IDriverGrain>(i)).ToArray();
        var loops = drivers.Select(d => Task.Run(async () =>
        {
            while (!probe.Stopping)
            {
                await d.Run(CallsPerChunk, LocalCallScenario.Grains);
            }
        })).ToArray();
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        await Task.WhenAll(loops);

        var latency = probe.MergedHistogram();
        return new ScenarioResult(
            $"grain-to-grain calls, {Drivers} driver grains → {LocalCallScenario.Grains:N0} grains",
            window.Rate,
            "calls/s",
            latency.PercentileMilliseconds(50),
            latency.PercentileMilliseconds(99),
            string.Create(CultureInfo.InvariantCulture, $"slowest driver {window.Slowest:N0} calls; {window.Progressed}/{Drivers} drivers progressed"),
            "—",
            null).WithCost(window);
    }
}
