using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.MarketData;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Replay;

/// <summary>
/// Replays a data set's daily bars through an instrument grain (which publishes them on the bar stream), at a speed in
/// bars per second or as fast as possible. One replay at a time. A replay continues after the last bar the
/// instrument has already published, so starting again after a stop (or after a restart with durable state)
/// resumes instead of repeating bars. Progress is raised through <see cref="StatusChanged"/> after every published chunk.
/// </summary>
public sealed partial class MarketReplayService(
    IClusterClient client,
    IOptions<TradingApiOptions> options,
    ILogger<MarketReplayService> logger) : IHostedService, IDisposable
{
    private const int FastChunk = 256;
    private static readonly TimeSpan PacedStep = TimeSpan.FromMilliseconds(50);
    private readonly Lock _lock = new();
    private ReplayStatus _status = ReplayStatus.Idle;
    private CancellationTokenSource? _cts;
    private Task _loop = Task.CompletedTask;

    /// <summary>Raised (on the replay's thread) whenever the status changes; handlers must be quick and must not throw.</summary>
    public event Action<ReplayStatus>? StatusChanged;

    /// <summary>The current status.</summary>
    public ReplayStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Names of the replayable data sets (the <c>.csv</c> files in the data directory), sorted.</summary>
    public IReadOnlyList<string> DataSets()
    {
        var dir = options.Value.ResolvedDataDirectory;
        return Directory.Exists(dir)
            ? [.. Directory.EnumerateFiles(dir, "*.csv").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!]
            : [];
    }

    /// <summary>Validates the request, reads the data set, and starts publishing in the background.</summary>
    /// <returns>The status right after the start.</returns>
    /// <exception cref="ArgumentException">Unknown data set, invalid symbol or speed, or bad rows in the file; the message names the field or the file and line.</exception>
    /// <exception cref="ReplayConflictException">A replay is running.</exception>
    public async Task<ReplayStatus> StartAsync(ReplayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!InstrumentId.TryParse(request.Symbol, out var instrument))
        {
            throw new ArgumentException($"'{request.Symbol}' is not a valid symbol.", "symbol");
        }

        if (!double.IsFinite(request.SpeedBarsPerSecond) || request.SpeedBarsPerSecond < 0 || request.SpeedBarsPerSecond > 100_000)
        {
            throw new ArgumentException($"must be in [0, 100000] bars per second, 0 = as fast as possible (was {request.SpeedBarsPerSecond}).", "speed");
        }

        if (string.IsNullOrWhiteSpace(request.DataSet) || !DataSets().Contains(request.DataSet, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown data set '{request.DataSet}'; known: {string.Join(", ", DataSets())}.", "dataSet");
        }

        lock (_lock)
        {
            if (_status.State == ReplayState.Running)
            {
                throw new ReplayConflictException($"A replay of '{_status.DataSet}' is running; stop it first.");
            }

            _status = _status with { State = ReplayState.Running, DataSet = request.DataSet, Symbol = instrument.Symbol, Error = null };
        }

        try
        {
            var path = Path.Combine(options.Value.ResolvedDataDirectory, request.DataSet + ".csv");
            IReadOnlyList<Bar> bars;
            try
            {
                bars = await new OhlcvCsvReader(instrument, Timeframe.OneDay).ReadAllAsync(path, cancellationToken);
            }
            catch (CsvDataException ex)
            {
                throw new ArgumentException(string.Join("; ", ex.Errors.Select(e => e.ToString())), "dataSet", ex);
            }

            var grain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
            var snapshot = await grain.GetSnapshot();
            int next = 0;
            if (snapshot.LastTime is { } last)
            {
                while (next < bars.Count && bars[next].CloseTime <= last)
                {
                    next++;
                }
            }

            var cts = new CancellationTokenSource();
            var started = DateTimeOffset.UtcNow;
            ReplayStatus status;
            lock (_lock)
            {
                _cts?.Dispose();
                _cts = cts;
                status = _status = new ReplayStatus(ReplayState.Running, request.DataSet, instrument.Symbol, request.SpeedBarsPerSecond,
                    bars.Count, next, Percent(next, bars.Count), 0, null, started, null);
                _loop = Task.Run(() => RunAsync(grain, bars, next, request.SpeedBarsPerSecond, cts.Token), CancellationToken.None);
            }

            LogInformationReplayStarted(logger, request.DataSet, instrument.Symbol, request.SpeedBarsPerSecond, next, bars.Count);
            StatusChanged?.Invoke(status);
            return status;
        }
        catch
        {
            lock (_lock)
            {
                _status = _status with { State = _status.PublishedBars > 0 ? ReplayState.Stopped : ReplayState.Idle };
            }

            throw;
        }
    }

    /// <summary>Stops the running replay after the chunk being published; bars already published stay published.</summary>
    /// <exception cref="ReplayConflictException">No replay is running.</exception>
    public async Task<ReplayStatus> StopAsync()
    {
        CancellationTokenSource? cts;
        Task loop;
        lock (_lock)
        {
            if (_status.State != ReplayState.Running || _cts is null)
            {
                throw new ReplayConflictException($"No replay is running (state {_status.State}).");
            }

            cts = _cts;
            loop = _loop;
        }

        await cts.CancelAsync();
        await loop;
        return Status;
    }

    private async Task RunAsync(IInstrumentGrain grain, IReadOnlyList<Bar> bars, int next, double speed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        int startIndex = next;
        try
        {
            while (next < bars.Count && !ct.IsCancellationRequested)
            {
                int target;
                if (speed <= 0)
                {
                    target = Math.Min(bars.Count, next + FastChunk);
                }
                else
                {
                    target = Math.Min(bars.Count, startIndex + (int)Math.Floor(speed * clock.Elapsed.TotalSeconds) + 1);
                    if (target <= next)
                    {
                        await Task.Delay(PacedStep, ct).ConfigureAwait(false);
                        continue;
                    }
                }

                var chunk = ImmutableArray.CreateBuilder<Bar>(target - next);
                for (int i = next; i < target; i++)
                {
                    chunk.Add(bars[i]);
                }

                await PublishWithRetryAsync(grain, chunk.MoveToImmutable(), ct).ConfigureAwait(false);
                next = target;
                Report(ReplayState.Running, next, bars.Count, startIndex, clock.Elapsed, null);
            }

            Report(next >= bars.Count ? ReplayState.Completed : ReplayState.Stopped, next, bars.Count, startIndex, clock.Elapsed, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Report(ReplayState.Stopped, next, bars.Count, startIndex, clock.Elapsed, null);
        }
        catch (Exception ex)
        {
            LogErrorReplayFailed(logger, ex);
            Report(ReplayState.Failed, next, bars.Count, startIndex, clock.Elapsed, ex.Message);
        }
    }

    /// <summary>How long a chunk is retried after transient cluster failures before the replay fails.</summary>
    public static readonly TimeSpan PublishRetryLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Publishes one chunk, retrying after a transient cluster failure (the silo holding the instrument or a stream
    /// queue died: <see cref="SiloUnavailableException"/>, a timeout, a rejected message) with a growing pause (0.2 s
    /// doubling to 2 s) for up to <see cref="PublishRetryLimit"/>. Publishing is idempotent (the instrument grain accepts
    /// a batch it already holds and sends it on again), so a retry never stores or counts a bar twice.
    /// </summary>
    private async Task PublishWithRetryAsync(IInstrumentGrain grain, ImmutableArray<Bar> chunk, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(200);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await grain.PublishBars(chunk).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && started.Elapsed < PublishRetryLimit && !ct.IsCancellationRequested)
            {
                LogWarningPublishRetry(logger, attempt, chunk[0].OpenTime, ex.GetType().Name, ex.Message);
                await Task.Delay(pause, ct).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private static bool IsTransient(Exception ex) => ClusterRetry.IsTransient(ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay publish attempt {Attempt} of the chunk from {FirstOpen} failed ({Error}: {Message}); retrying")]
    private static partial void LogWarningPublishRetry(ILogger logger, int attempt, DateTimeOffset firstOpen, string error, string message);

    private void Report(ReplayState state, int published, int total, int startIndex, TimeSpan elapsed, string? error)
    {
        ReplayStatus status;
        lock (_lock)
        {
            double rate = elapsed.TotalSeconds > 0 ? (published - startIndex) / elapsed.TotalSeconds : 0;
            double? eta = state == ReplayState.Running && rate > 0 ? (total - published) / rate : null;
            status = _status = _status with
            {
                State = state,
                PublishedBars = published,
                Percent = Percent(published, total),
                BarsPerSecond = rate,
                EtaSeconds = eta,
                Error = error,
            };
        }

        StatusChanged?.Invoke(status);
    }

    private static double Percent(int published, int total) => total == 0 ? 100 : 100.0 * published / total;

    /// <inheritdoc/>
    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? cts;
        Task loop;
        lock (_lock)
        {
            cts = _cts;
            loop = _loop;
        }

        if (cts is not null)
        {
            await cts.CancelAsync();
        }

        await loop.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _cts?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay of {DataSet} as {Symbol} started at {Speed} bars/s from bar {Next} of {Total}")]
    private static partial void LogInformationReplayStarted(ILogger logger, string dataSet, string symbol, double speed, int next, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay failed")]
    private static partial void LogErrorReplayFailed(ILogger logger, Exception exception);
}
