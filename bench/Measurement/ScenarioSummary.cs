using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>The median of several runs of one scenario, with every run's figure kept for the record.</summary>
/// <param name="Median">The run with the median rate (its latencies and notes are reported).</param>
/// <param name="Runs">All runs, in order.</param>
public sealed record ScenarioSummary(ScenarioResult Median, IReadOnlyList<ScenarioResult> Runs)
{
    /// <summary>Summarizes <paramref name="runs"/> (at least one).</summary>
    public static ScenarioSummary Of(IReadOnlyList<ScenarioResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ordered = runs.OrderBy(r => r.Rate).ToList();
        return new ScenarioSummary(ordered[(ordered.Count - 1) / 2], runs);
    }

    /// <summary>The median of the runs' <see cref="ScenarioResult.Extra"/> figures, if any.</summary>
    public double? MedianExtra => MedianOf(r => r.Extra);

    /// <summary>The median of the runs' CPU time per operation.</summary>
    public double? MedianCpuNanosPerOp => MedianOf(r => r.CpuNanosPerOp);

    /// <summary>The median of the runs' allocated bytes per operation.</summary>
    public double? MedianBytesPerOp => MedianOf(r => r.BytesPerOp);

    private double? MedianOf(Func<ScenarioResult, double?> figure)
    {
        var values = Runs.Select(figure).Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        return values.Count == 0 ? null : values[(values.Count - 1) / 2];
    }

    /// <summary>Every run's rate, e.g. "1.01M / 0.98M / 1.02M".</summary>
    public string RunRates => string.Join(" / ", Runs.Select(r => Compact(r.Rate)));

    /// <summary>A rate in short form (K, M).</summary>
    public static string Compact(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0", CultureInfo.InvariantCulture) + "K",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
