using System.Collections.Immutable;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Where the silos of a cluster tick load leave their latest <see cref="LoadSiloReport"/> and where the driver (a
/// client) reads them: the silos count stream deliveries in their own processes, and this grain is how those counts
/// leave them. One grain per cluster, key 0.
/// </summary>
[Alias("bench.ILoadReportGrain")]
public interface ILoadReportGrain : IGrainWithIntegerKey
{
    /// <summary>How often each silo sends its report.</summary>
    public const int ReportPeriodMilliseconds = 10;

    /// <summary>Replaces the latest report of <see cref="LoadSiloReport.Silo"/>.</summary>
    Task Report(LoadSiloReport report);

    /// <summary>The latest report of every silo that has reported, ordered by silo address.</summary>
    Task<ImmutableArray<LoadSiloReport>> GetReports();
}
