using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// The "runtime" suite: local calls (100, 64 and 1 host callers; grain-to-grain), streams (100×1 and 1×100, at max
/// rate and paced at half of it) and activations. Each scenario runs <see cref="BenchmarkOptions.Repeat"/> times
/// on a fresh silo; the median is reported.
/// </summary>
public static class RuntimeBenchmarks
{
    /// <summary>Runs the selected scenarios, prints the table and updates the results file.</summary>
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Describe();
        var loadBefore = MachineInfo.LoadAverage();
        Console.WriteLine($"Machine: {machine}");
        Console.WriteLine($"Load average at start: {loadBefore}");
        var summaries = new List<ScenarioSummary>();

        foreach (var callers in new[] { 100, 64, 1 })
        {
            if (options.Includes($"calls-{callers}"))
            {
                summaries.Add(await RepeatAsync(options, () => LocalCallScenario.RunAsync(callers, options)));
            }
        }

        if (options.Includes("g2g"))
        {
            summaries.Add(await RepeatAsync(options, () => GrainToGrainScenario.RunAsync(options)));
        }

        foreach (var (shape, key) in new[] { (StreamShape.ManyStreams, "streams-100x1"), (StreamShape.FanOut, "streams-1x100") })
        {
            if (options.Includes(key))
            {
                var max = await RepeatAsync(options, () => StreamScenario.RunMaxRateAsync(shape, options));
                summaries.Add(max);
                double half = Math.Round(max.Median.Rate / 2 / 1000) * 1000;
                summaries.Add(await RepeatAsync(options, () => StreamScenario.RunPacedAsync(shape, half, options)));
            }
        }

        if (options.Includes("activations"))
        {
            summaries.Add(await RepeatAsync(options, ActivationScenario.RunAsync));
        }

        var loadAfter = MachineInfo.LoadAverage();
        Console.WriteLine();
        Console.WriteLine(ResultsReport.RenderTable(summaries));
        Console.WriteLine($"Load average at end: {loadAfter}");
        if (options.WriteResults)
        {
            ResultsReport.Write(options.ResultsPath, ResultsReport.Render(summaries, options, machine, loadBefore, loadAfter, started));
            Console.WriteLine($"Updated {Path.GetFullPath(options.ResultsPath)}");
        }

        return 0;
    }

    private static async Task<ScenarioSummary> RepeatAsync(BenchmarkOptions options, Func<Task<ScenarioResult>> run)
    {
        var runs = new List<ScenarioResult>();
        for (int i = 0; i < options.Repeat; i++)
        {
            var result = await run();
            Console.WriteLine($"  {result.Scenario}: {result.Rate:N0} {result.Unit}, p50 {ResultsReport.Micros(result.P50Ms)} µs, p99 {ResultsReport.Micros(result.P99Ms)} µs, {result.CpuNanosPerOp:N0} CPU ns/op, {result.BytesPerOp:N0} B/op; {result.Notes}");
            runs.Add(result);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return ScenarioSummary.Of(runs);
    }
}
