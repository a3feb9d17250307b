namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>The outcome of one run of one scenario.</summary>
/// <param name="Scenario">What was measured.</param>
/// <param name="Rate">The headline figure (per second unless <paramref name="Unit"/> says otherwise).</param>
/// <param name="Unit">Unit of <paramref name="Rate"/>, e.g. <c>calls/s</c>.</param>
/// <param name="P50Ms">Median latency in milliseconds; null when not measured.</param>
/// <param name="P99Ms">99th percentile latency in milliseconds; null when not measured.</param>
/// <param name="Notes">Further figures of the run (slowest caller, memory, order check).</param>
/// <param name="Target">The target for <paramref name="Rate"/>, if any.</param>
/// <param name="MeetsTarget">Whether the run met its targets; null when there is none.</param>
public sealed record ScenarioResult(
    string Scenario,
    double Rate,
    string Unit,
    double? P50Ms,
    double? P99Ms,
    string Notes,
    string Target,
    bool? MeetsTarget)
{
    /// <summary>A second figure whose median is reported too (e.g. bytes per activation); null when none.</summary>
    public double? Extra { get; init; }

    /// <summary>Process CPU time per operation in nanoseconds (all threads; robust to other load on the machine).</summary>
    public double? CpuNanosPerOp { get; init; }

    /// <summary>Managed bytes allocated per operation (all threads).</summary>
    public double? BytesPerOp { get; init; }

    /// <summary>Sets <see cref="CpuNanosPerOp"/> and <see cref="BytesPerOp"/> from a window.</summary>
    public ScenarioResult WithCost(MeasurementWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return this with { CpuNanosPerOp = window.Cost.CpuNanosPer(window.Total), BytesPerOp = window.BytesPerOp };
    }
}
