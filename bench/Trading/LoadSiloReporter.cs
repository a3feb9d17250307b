using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Benchmarks.Grains;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Runs in every silo of a cluster tick load (<see cref="LoadSilo"/>): every
/// <see cref="ILoadReportGrain.ReportPeriodMilliseconds"/> ms it sends this silo's <see cref="RuntimeCounters"/> and its
/// process's CPU time, working set and collections to <see cref="ILoadReportGrain"/>, where the driver reads them.
/// </summary>
internal sealed partial class LoadSiloReporter(
    RuntimeCounters counters, IGrainFactory grains, ILocalSiloDetails silo, ILogger<LoadSiloReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(ILoadReportGrain.ReportPeriodMilliseconds);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The silo starts before hosted services registered after it: the grain is callable from here on.
        var target = grains.GetGrain<ILoadReportGrain>(0);
        string address = silo.SiloAddress.ToParsableString();
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(Period);
        int failuresInARow = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            process.Refresh();
            var report = new LoadSiloReport(
                address,
                Environment.ProcessId,
                counters.Deliveries,
                counters.BarDeliveries,
                counters.OtherEvents,
                counters.Messages,
                counters.DeliveryTurns,
                process.TotalProcessorTime.TotalSeconds,
                process.WorkingSet64,
                process.PeakWorkingSet64,
                GC.GetTotalMemory(false),
                GC.CollectionCount(0),
                GC.CollectionCount(2),
                GCSettings.IsServerGC,
                counters.Redeliveries);
            try
            {
                await target.Report(report).WaitAsync(stoppingToken);
                failuresInARow = 0;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException && !stoppingToken.IsCancellationRequested)
            {
                // A report that did not arrive is replaced by the next one; the driver sees the silo's counts late, not wrong.
                LogWarningReportFailed(logger, ex, ++failuresInARow);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load report not delivered ({FailuresInARow} in a row); the next one replaces it")]
    private static partial void LogWarningReportFailed(ILogger logger, Exception exception, int failuresInARow);
}
