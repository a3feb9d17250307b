using System.Collections.Immutable;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>Keeps the latest report of each silo in memory (nothing durable: a benchmark run lives as long as its silos).</summary>
[GrainType("bench-load-report")]
public sealed class LoadReportGrain : Grain, ILoadReportGrain
{
    private readonly SortedDictionary<string, LoadSiloReport> _latest = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task Report(LoadSiloReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _latest[report.Silo] = report;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<LoadSiloReport>> GetReports() => Task.FromResult(_latest.Values.ToImmutableArray());
}
