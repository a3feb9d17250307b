using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// The driver's side of a cluster tick load: an Orleans client of the cluster (ADO.NET clustering on PostgreSQL, as the
/// product's API in <c>--client</c> mode connects) and a poller that reads the silos' latest
/// <see cref="LoadSiloReport"/>s from <see cref="ILoadReportGrain"/> every <see cref="PollPeriod"/> and exposes their
/// sums as <see cref="IDeliveryCounts"/>, so the tick load paces and ends its window on deliveries counted in the silos.
/// The counts are at most one report period plus one poll period old; the window ends on the exact total all the same.
/// </summary>
public sealed partial class ClusterLoadTarget : IDeliveryCounts, IAsyncDisposable
{
    /// <summary>How often the driver reads the reports.</summary>
    public static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromMinutes(3);

    private readonly IHost _host;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _peaksLock = new();
    private readonly Dictionary<string, long> _peakWorkingSets = new(StringComparer.Ordinal);
    private LoadSiloReport[] _latest = [];
    private Task _poller = Task.CompletedTask;

    private ClusterLoadTarget(IHost host)
    {
        _host = host;
        _logger = host.Services.GetRequiredService<ILogger<ClusterLoadTarget>>();
    }

    /// <summary>The client.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The latest report of every silo.</summary>
    public IReadOnlyList<LoadSiloReport> Latest
    {
        get
        {
            ThrowIfPollerFailed();
            return Volatile.Read(ref _latest);
        }
    }

    /// <inheritdoc/>
    public long Deliveries => Latest.Sum(r => r.Deliveries);

    /// <inheritdoc/>
    public long BarDeliveries => Latest.Sum(r => r.BarDeliveries);

    /// <inheritdoc/>
    public long OtherEvents => Latest.Sum(r => r.OtherEvents);

    /// <inheritdoc/>
    public long Redeliveries => Latest.Sum(r => r.Redeliveries);

    /// <inheritdoc/>
    public long Messages => Latest.Sum(r => r.Messages);

    /// <inheritdoc/>
    public long DeliveryTurns => Latest.Sum(r => r.DeliveryTurns);

    /// <summary>
    /// Connects to the cluster <paramref name="clusterId"/> on <paramref name="postgres"/> and waits until exactly
    /// <paramref name="silos"/> silos are active and each has sent a report.
    /// </summary>
    /// <exception cref="TimeoutException">The silos did not all come up and report within 3 minutes.</exception>
    public static async Task<ClusterLoadTarget> ConnectAsync(string postgres, string clusterId, int silos)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(postgres);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning).AddTradingLogFilters();
        builder.UseOrleansClient(client => client.UseTradingPostgresClustering(postgres, clusterId));
        var host = builder.Build();
        await host.StartAsync();
        var target = new ClusterLoadTarget(host);
        var management = target.Client.GetGrain<IManagementGrain>(0);
        var reports = target.Client.GetGrain<ILoadReportGrain>(0);
        var deadline = DateTimeOffset.UtcNow + JoinTimeout;
        while (true)
        {
            var active = await management.GetHosts(onlyActive: true);
            var reported = await reports.GetReports();
            if (active.Count == silos && active.Keys.All(a => reported.Any(r => r.Silo == a.ToParsableString())))
            {
                target._latest = [.. reported.Where(r => active.Keys.Any(a => r.Silo == a.ToParsableString()))];
                break;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                await target.DisposeAsync();
                throw new TimeoutException($"Expected {silos} active silos that report; after {JoinTimeout.TotalMinutes:F0} min: {active.Count} active, {reported.Length} reporting.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        target._poller = Task.Run(target.PollAsync);
        return target;
    }

    /// <summary>Forgets the peak working sets seen so far (call at the start of a window).</summary>
    public void ResetPeaks()
    {
        lock (_peaksLock)
        {
            _peakWorkingSets.Clear();
        }
    }

    /// <summary>The highest working set each silo reported since <see cref="ResetPeaks"/> (sampled every report period).</summary>
    public IReadOnlyDictionary<string, long> PeakWorkingSets()
    {
        lock (_peaksLock)
        {
            return new Dictionary<string, long>(_peakWorkingSets, StringComparer.Ordinal);
        }
    }

    /// <summary>Activations per silo now: strategies (grain type <c>strategy</c>) and all grain types.</summary>
    public async Task<IReadOnlyDictionary<string, (int Strategies, int All)>> ActivationsAsync()
    {
        var statistics = await Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .GroupBy(s => s.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (g.Where(s => s.GrainType.Contains("StrategyGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount), g.Sum(s => s.ActivationCount)),
                StringComparer.Ordinal);
    }

    /// <summary>Stops polling and closes the client.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _poller;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped on purpose.
        }

        await _host.StopAsync();
        _host.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        var reports = Client.GetGrain<ILoadReportGrain>(0);
        var silos = Volatile.Read(ref _latest).Select(r => r.Silo).ToHashSet(StringComparer.Ordinal);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                LoadSiloReport[] latest = [.. (await reports.GetReports().WaitAsync(_stop.Token)).Where(r => silos.Contains(r.Silo))];
                lock (_peaksLock)
                {
                    foreach (var report in latest)
                    {
                        _peakWorkingSets[report.Silo] = Math.Max(_peakWorkingSets.GetValueOrDefault(report.Silo), report.WorkingSet);
                    }
                }

                Volatile.Write(ref _latest, latest);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The counts stay at the previous reading; the tick load's stall check fails the run if this persists.
                LogWarningPollFailed(_logger, ex);
            }

            await Task.Delay(PollPeriod, _stop.Token);
        }
    }

    private void ThrowIfPollerFailed()
    {
        if (_poller.IsFaulted)
        {
            throw new InvalidOperationException("Reading the silos' load reports failed.", _poller.Exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the silos' load reports failed; keeping the previous counts")]
    private static partial void LogWarningPollFailed(ILogger logger, Exception exception);
}
