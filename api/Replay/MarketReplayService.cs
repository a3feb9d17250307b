using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Replay;

/// <summary>
/// Replays a data set's daily bars through an instrument grain (which publishes them on the bar stream), at a speed in
/// bars per second or as fast as possible. One replay at a time. A replay continues after the last bar the
/// instrument has already published, so starting again after a stop (or after a restart with durable state)
/// resumes instead of repeating bars; a published bar never changes, so <see cref="RestartAsync"/> replays a data set
/// from its first bar to an instrument that holds none of it yet. A running replay can be paused and resumed, and its
/// speed changed, without losing its place. Progress is raised through <see cref="StatusChanged"/> after every
/// published chunk and every control change. A publish that fails because the storage is down (or on a transient
/// cluster failure) is retried with backoff (<see cref="ReplayRetryPolicy"/>), shown in <see cref="ReplayStatus.Retrying"/>,
/// and the replay continues by itself when an attempt succeeds; a retried chunk is published once.
/// </summary>
public sealed partial class MarketReplayService(
    IClusterClient client,
    IOptions<TradingApiOptions> options,
    TimeProvider time,
    ILogger<MarketReplayService> logger) : IHostedService, IDisposable
{
    internal const int FastChunk = 256;
    private static readonly TimeSpan PacedStep = TimeSpan.FromMilliseconds(50);
    private readonly Lock _lock = new();
    private ReplayStatus _status = ReplayStatus.Idle;
    private CancellationTokenSource? _cts;
    private Task _loop = Task.CompletedTask;

    // Controls of the running loop, under _lock: the speed, whether it is paused (and the task a pause waits on), and a
    // generation counter that a speed change or a resume bumps so that the loop re-anchors its pacing clock.
    private double _speed;
    private bool _paused;
    private TaskCompletionSource _resumed = CompletedSignal();
    private int _pacing;

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
    /// <exception cref="ReplayConflictException">A replay is running or paused.</exception>
    public async Task<ReplayStatus> StartAsync(ReplayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!InstrumentId.TryParse(request.Symbol, out var instrument))
        {
            throw new ArgumentException($"'{request.Symbol}' is not a valid symbol.", "symbol");
        }

        CheckSpeed(request.SpeedBarsPerSecond);
        CheckDataSet(request.DataSet);

        lock (_lock)
        {
            if (_status.State == ReplayState.Running)
            {
                throw new ReplayConflictException($"A replay of '{_status.DataSet}' is running; stop it first.");
            }

            if (_status.State == ReplayState.Paused)
            {
                throw new ReplayConflictException($"A replay of '{_status.DataSet}' is paused; resume or stop it first.");
            }

            _status = _status with { State = ReplayState.Running, DataSet = request.DataSet, Symbol = instrument.Symbol, Error = null };
        }

        try
        {
            var bars = await ReadBarsAsync(request.DataSet, instrument, cancellationToken);
            var grain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
            int next = Held(bars, await grain.GetSnapshot());

            var cts = new CancellationTokenSource();
            var started = time.GetUtcNow();
            ReplayStatus status;
            lock (_lock)
            {
                _cts?.Dispose();
                _cts = cts;
                _speed = request.SpeedBarsPerSecond;
                _paused = false;
                _resumed.TrySetResult();
                _pacing++;
                status = _status = new ReplayStatus(ReplayState.Running, request.DataSet, instrument.Symbol, request.SpeedBarsPerSecond,
                    bars.Count, next, Percent(next, bars.Count), 0, null, started, null);
                _loop = Task.Run(() => RunAsync(grain, bars, next, cts.Token), CancellationToken.None);
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

    /// <summary>Stops the running or paused replay after the chunk being published (a chunk waiting to be retried is not
    /// published); bars already published stay published.</summary>
    /// <exception cref="ReplayConflictException">No replay is running or paused.</exception>
    public async Task<ReplayStatus> StopAsync()
    {
        CancellationTokenSource? cts;
        Task loop;
        lock (_lock)
        {
            if (_status.State is not (ReplayState.Running or ReplayState.Paused) || _cts is null)
            {
                throw new ReplayConflictException($"No replay is running or paused (state {_status.State}).");
            }

            cts = _cts;
            loop = _loop;
        }

        await cts.CancelAsync();
        await loop;
        return Status;
    }

    private async Task RunAsync(IInstrumentGrain grain, IReadOnlyList<Bar> bars, int next, CancellationToken ct)
    {
        // 'active' measures the time spent publishing (not paused) for the bars/s figure; 'clock' paces the bars from
        // the anchor, which moves to the current bar whenever the speed changes or the replay resumes.
        var active = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        int startIndex = next;
        int anchor = next;
        int pacing;
        lock (_lock)
        {
            pacing = _pacing;
        }

        try
        {
            while (next < bars.Count && !ct.IsCancellationRequested)
            {
                Task? resumed;
                double speed;
                int generation;
                lock (_lock)
                {
                    resumed = _paused ? _resumed.Task : null;
                    speed = _speed;
                    generation = _pacing;
                }

                if (resumed is not null)
                {
                    active.Stop();
                    await resumed.WaitAsync(ct).ConfigureAwait(false);
                    active.Start();
                    continue;
                }

                if (generation != pacing)
                {
                    pacing = generation;
                    anchor = next;
                    clock.Restart();
                }

                int target;
                if (speed <= 0)
                {
                    target = Math.Min(bars.Count, next + FastChunk);
                }
                else
                {
                    target = Math.Min(bars.Count, anchor + (int)Math.Floor(speed * clock.Elapsed.TotalSeconds) + 1);
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
                Report(ReplayState.Running, next, bars.Count, startIndex, active.Elapsed, null);
            }

            Report(next >= bars.Count ? ReplayState.Completed : ReplayState.Stopped, next, bars.Count, startIndex, active.Elapsed, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Report(ReplayState.Stopped, next, bars.Count, startIndex, active.Elapsed, null);
        }
        catch (Exception ex)
        {
            LogErrorReplayFailed(logger, ex);
            Report(ReplayState.Failed, next, bars.Count, startIndex, active.Elapsed, ex.Message);
        }
    }

    /// <summary>Pauses the running replay: no bar is published until <see cref="Resume"/>; a chunk being published when
    /// the pause comes is still published, except that a chunk waiting to be retried (see <see cref="ReplayStatus.Retrying"/>)
    /// makes its next attempt only after the resume. The replay keeps its place and speed.</summary>
    /// <returns>The paused status.</returns>
    /// <exception cref="ReplayConflictException">No replay is running (idle, already paused, stopped, completed or failed).</exception>
    public ReplayStatus Pause()
    {
        ReplayStatus status;
        lock (_lock)
        {
            if (_status.State != ReplayState.Running)
            {
                throw new ReplayConflictException(_status.State == ReplayState.Paused
                    ? $"The replay of '{_status.DataSet}' is already paused."
                    : $"No replay is running to pause (state {_status.State}).");
            }

            _paused = true;
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            status = _status = _status with { State = ReplayState.Paused, EtaSeconds = null };
        }

        StatusChanged?.Invoke(status);
        return status;
    }

    /// <summary>Resumes a paused replay from the bar after the last published one, at its current speed.</summary>
    /// <returns>The running status.</returns>
    /// <exception cref="ReplayConflictException">The replay is not paused.</exception>
    public ReplayStatus Resume()
    {
        ReplayStatus status;
        lock (_lock)
        {
            if (_status.State != ReplayState.Paused)
            {
                throw new ReplayConflictException($"No replay is paused (state {_status.State}).");
            }

            _paused = false;
            _pacing++;
            _resumed.TrySetResult();
            status = _status = _status with { State = ReplayState.Running };
        }

        StatusChanged?.Invoke(status);
        return status;
    }

    /// <summary>Changes the speed of the running or paused replay; pacing restarts from the current bar at the new speed.</summary>
    /// <param name="speedBarsPerSecond">Bars per second in [0, 100000]; 0 = as fast as possible.</param>
    /// <returns>The status with the new speed.</returns>
    /// <exception cref="ArgumentException">The speed is not a number in [0, 100000] (parameter <c>speed</c>).</exception>
    /// <exception cref="ReplayConflictException">No replay is running or paused.</exception>
    public ReplayStatus SetSpeed(double speedBarsPerSecond)
    {
        CheckSpeed(speedBarsPerSecond);
        ReplayStatus status;
        lock (_lock)
        {
            if (_status.State is not (ReplayState.Running or ReplayState.Paused))
            {
                throw new ReplayConflictException($"No replay is running or paused (state {_status.State}); give the speed when starting one.");
            }

            _speed = speedBarsPerSecond;
            _pacing++;
            status = _status = _status with { SpeedBarsPerSecond = speedBarsPerSecond };
        }

        StatusChanged?.Invoke(status);
        return status;
    }

    /// <summary>
    /// Replays the current data set again from its first bar. A published bar never changes, so the bars go to an
    /// instrument that holds none of the data set's time range yet: <paramref name="symbol"/> when given, otherwise the
    /// first free one of <c>{symbol}.R2</c>, <c>{symbol}.R3</c>, … (the current symbol without a previous <c>.Rn</c>
    /// suffix). A running or paused replay is stopped first.
    /// </summary>
    /// <param name="symbol">The instrument to replay to; null for the next free <c>.Rn</c> symbol.</param>
    /// <param name="speedBarsPerSecond">Speed; null keeps the current one.</param>
    /// <param name="cancellationToken">Cancels reading the data set.</param>
    /// <returns>The status of the new run.</returns>
    /// <exception cref="ArgumentException">The symbol or speed is invalid (parameters <c>symbol</c>, <c>speed</c>).</exception>
    /// <exception cref="ReplayConflictException">No replay was ever started, or <paramref name="symbol"/> already holds bars of the data set's time range.</exception>
    public async Task<ReplayStatus> RestartAsync(string? symbol, double? speedBarsPerSecond, CancellationToken cancellationToken = default)
    {
        var current = Status;
        if (current.DataSet is null || current.Symbol is null)
        {
            throw new ReplayConflictException("No replay has been started yet, so there is nothing to restart; start one.");
        }

        var speed = speedBarsPerSecond ?? current.SpeedBarsPerSecond;
        CheckSpeed(speed);
        InstrumentId target;
        var bars = await ReadBarsAsync(current.DataSet, InstrumentId.Parse(current.Symbol), cancellationToken);
        if (symbol is not null)
        {
            if (!InstrumentId.TryParse(symbol, out target))
            {
                throw new ArgumentException($"'{symbol}' is not a valid symbol.", "symbol");
            }

            var snapshot = await client.GetGrain<IInstrumentGrain>(target.Symbol).GetSnapshot();
            if (bars.Count > 0 && snapshot.LastTime is { } last && last >= bars[0].CloseTime)
            {
                var free = await NextFreeSymbolAsync(current.Symbol, bars);
                throw new ReplayConflictException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{target.Symbol} already holds bars up to {last:yyyy-MM-dd}, and a published bar never changes: '{current.DataSet}' can only be replayed from its first bar ({bars[0].OpenTime:yyyy-MM-dd}) to a symbol without bars from then on, e.g. {free}."));
            }
        }
        else
        {
            target = InstrumentId.Parse(await NextFreeSymbolAsync(current.Symbol, bars));
        }

        if (current.State is ReplayState.Running or ReplayState.Paused)
        {
            try
            {
                await StopAsync();
            }
            catch (ReplayConflictException)
            {
                // It ended on its own between the read and the stop: nothing left to stop.
            }
        }

        return await StartAsync(new ReplayRequest(current.DataSet, target.Symbol, speed), cancellationToken);
    }

    /// <summary>What <see cref="StartAsync"/> would do for a data set and symbol now: how many of its bars the instrument
    /// already holds, which would be published, and a sentence saying so.</summary>
    /// <exception cref="ArgumentException">Unknown data set or invalid symbol (parameters <c>dataSet</c>, <c>symbol</c>).</exception>
    public async Task<ReplayPreview> PreviewAsync(string? dataSet, string? symbol, CancellationToken cancellationToken = default)
    {
        symbol ??= DemoSeeder.Symbol;
        if (!InstrumentId.TryParse(symbol, out var instrument))
        {
            throw new ArgumentException($"'{symbol}' is not a valid symbol.", "symbol");
        }

        CheckDataSet(dataSet);
        var bars = await ReadBarsAsync(dataSet!, instrument, cancellationToken);
        int held = Held(bars, await client.GetGrain<IInstrumentGrain>(instrument.Symbol).GetSnapshot());
        var current = Status;
        string action;
        if (current.State is ReplayState.Running or ReplayState.Paused)
        {
            action = string.Create(CultureInfo.InvariantCulture, $"A replay of '{current.DataSet}' to {current.Symbol} is {current.State.ToString().ToLowerInvariant()}: Start is refused until it is stopped.");
        }
        else if (bars.Count == 0)
        {
            action = string.Create(CultureInfo.InvariantCulture, $"'{dataSet}' has no bars: Start would publish nothing.");
        }
        else if (held >= bars.Count)
        {
            var restartSymbol = await NextFreeSymbolAsync(instrument.Symbol, bars);
            action = string.Create(CultureInfo.InvariantCulture, $"All {bars.Count:N0} bars of '{dataSet}' are already published to {instrument.Symbol} (a published bar never changes): Start would publish nothing. Restart replays them from the first bar to {restartSymbol}.");
        }
        else if (held == 0)
        {
            action = string.Create(CultureInfo.InvariantCulture, $"Start publishes all {bars.Count:N0} bars of '{dataSet}' to {instrument.Symbol}, {bars[0].OpenTime:yyyy-MM-dd} to {bars[^1].OpenTime:yyyy-MM-dd}.");
        }
        else
        {
            action = string.Create(CultureInfo.InvariantCulture, $"Start continues after bar {held:N0} of {bars.Count:N0}: publishes the {bars.Count - held:N0} bars from {bars[held].OpenTime:yyyy-MM-dd} to {bars[^1].OpenTime:yyyy-MM-dd} to {instrument.Symbol}.");
        }

        return new ReplayPreview(
            dataSet!,
            instrument.Symbol,
            bars.Count,
            held,
            held < bars.Count ? bars[held].OpenTime : null,
            bars.Count > 0 ? bars[^1].OpenTime : null,
            action);
    }

    private async Task<string> NextFreeSymbolAsync(string symbol, IReadOnlyList<Bar> bars)
    {
        var baseSymbol = RestartSuffix().Replace(symbol, string.Empty);
        for (int n = 2; n < 1000; n++)
        {
            var candidate = $"{baseSymbol}.R{n}";
            if (!InstrumentId.TryParse(candidate, out var id))
            {
                break;
            }

            var snapshot = await client.GetGrain<IInstrumentGrain>(id.Symbol).GetSnapshot();
            if (bars.Count == 0 || snapshot.LastTime is not { } last || last < bars[0].CloseTime)
            {
                return id.Symbol;
            }
        }

        throw new ReplayConflictException($"No free restart symbol for {symbol} (tried {baseSymbol}.R2 to .R999); give a symbol.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.R\d+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RestartSuffix();

    private static void CheckSpeed(double speed)
    {
        if (!double.IsFinite(speed) || speed < 0 || speed > 100_000)
        {
            throw new ArgumentException($"must be in [0, 100000] bars per second, 0 = as fast as possible (was {speed}).", "speed");
        }
    }

    private void CheckDataSet(string? dataSet)
    {
        if (string.IsNullOrWhiteSpace(dataSet) || !DataSets().Contains(dataSet, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown data set '{dataSet}'; known: {string.Join(", ", DataSets())}.", "dataSet");
        }
    }

    private async Task<IReadOnlyList<Bar>> ReadBarsAsync(string dataSet, InstrumentId instrument, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.ResolvedDataDirectory, dataSet + ".csv");
        try
        {
            return await new OhlcvCsvReader(instrument, Timeframe.OneDay).ReadAllAsync(path, cancellationToken);
        }
        catch (CsvDataException ex)
        {
            throw new ArgumentException(string.Join("; ", ex.Errors.Select(e => e.ToString())), "dataSet", ex);
        }
    }

    /// <summary>How many of <paramref name="bars"/> (from the first) the instrument already holds: those that close at or before its last time.</summary>
    private static int Held(IReadOnlyList<Bar> bars, InstrumentSnapshot snapshot)
    {
        int next = 0;
        if (snapshot.LastTime is { } last)
        {
            while (next < bars.Count && bars[next].CloseTime <= last)
            {
                next++;
            }
        }

        return next;
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }

    /// <summary>
    /// Publishes one chunk, retrying as <see cref="ReplayRetryPolicy"/> says: through a storage outage (PostgreSQL down)
    /// without a time limit, pausing 0.5 s doubling to 10 s; after transient cluster failures (the silo holding the
    /// instrument or a stream queue died, a timeout, a rejected message) and state conflicts (a write the storage committed
    /// but whose answer was lost: Orleans reloads the grain) pausing 0.2 s doubling to 2 s for up to
    /// <see cref="ReplayRetryPolicy.ClusterRetryLimit"/>. While it retries, <see cref="ReplayStatus.Retrying"/> says why and
    /// how often (raised through <see cref="StatusChanged"/> after every failed attempt); a pause holds the next attempt
    /// until the resume, and a stop ends the wait. Publishing is idempotent (the instrument grain acknowledges bars its
    /// history already holds, e.g. when an attempt failed after storing some of them, and does not store or count them
    /// again), so however many attempts it takes the chunk is published once.
    /// </summary>
    /// <exception cref="OperationCanceledException">The replay was stopped while retrying.</exception>
    private async Task PublishWithRetryAsync(IInstrumentGrain grain, ImmutableArray<Bar> chunk, CancellationToken ct)
    {
        DateTimeOffset since = default;
        long limitedSince = 0; // timestamp of the first cluster failure or conflict since the last success or storage failure; 0 = none
        ReplayRetryReason? lastReason = null;
        int streak = 0;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await grain.PublishBars(chunk).ConfigureAwait(false);
                if (attempt > 1)
                {
                    LogInformationPublishRecovered(logger, chunk[0].OpenTime, attempt, (time.GetUtcNow() - since).TotalSeconds);
                }

                return;
            }
            catch (Exception ex) when (ReplayRetryPolicy.Classify(ex) is { } reason)
            {
                ct.ThrowIfCancellationRequested();
                var now = time.GetUtcNow();
                if (attempt == 1)
                {
                    since = now;
                }

                if (reason == ReplayRetryReason.Storage)
                {
                    limitedSince = 0;
                }
                else if (limitedSince == 0)
                {
                    limitedSince = time.GetTimestamp();
                }

                if (ReplayRetryPolicy.GivesUp(reason, limitedSince == 0 ? TimeSpan.Zero : time.GetElapsedTime(limitedSince)))
                {
                    LogErrorPublishGaveUp(logger, chunk[0].OpenTime, attempt, ReplayRetryPolicy.ClusterRetryLimit.TotalSeconds);
                    throw;
                }

                streak = reason == lastReason ? streak + 1 : 1;
                lastReason = reason;
                var pause = ReplayRetryPolicy.Backoff(reason, streak);
                var error = ReplayRetryPolicy.Describe(ex);
                LogWarningPublishRetry(logger, attempt, chunk[0].OpenTime, reason, pause.TotalSeconds, error);
                SetRetrying(new ReplayRetry(reason, attempt, since, now + pause, error));
                await Task.Delay(pause, time, ct).ConfigureAwait(false);
                await WhilePausedAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Completes at once when the replay is not paused, otherwise when it is resumed (or stopped: cancelled).</summary>
    private Task WhilePausedAsync(CancellationToken ct)
    {
        Task resumed;
        lock (_lock)
        {
            if (!_paused)
            {
                return Task.CompletedTask;
            }

            resumed = _resumed.Task;
        }

        return resumed.WaitAsync(ct);
    }

    /// <summary>Shows a failed attempt in the status, keeping the state (running or paused) and the progress.</summary>
    private void SetRetrying(ReplayRetry retry)
    {
        ReplayStatus status;
        lock (_lock)
        {
            status = _status = _status with { Retrying = retry, EtaSeconds = null };
        }

        StatusChanged?.Invoke(status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay publish attempt {Attempt} of the chunk from {FirstOpen} failed ({Reason}: {Error}); retrying in {PauseSeconds} s")]
    private static partial void LogWarningPublishRetry(ILogger logger, int attempt, DateTimeOffset firstOpen, ReplayRetryReason reason, double pauseSeconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay published the chunk from {FirstOpen} at attempt {Attempt}, {WaitedSeconds} s after the first failure")]
    private static partial void LogInformationPublishRecovered(ILogger logger, DateTimeOffset firstOpen, int attempt, double waitedSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replay gives up the chunk from {FirstOpen} after {Attempt} attempts: transient cluster failures or state conflicts lasted {LimitSeconds} s")]
    private static partial void LogErrorPublishGaveUp(ILogger logger, DateTimeOffset firstOpen, int attempt, double limitSeconds);

    private void Report(ReplayState state, int published, int total, int startIndex, TimeSpan elapsed, string? error)
    {
        ReplayStatus status;
        lock (_lock)
        {
            if (state == ReplayState.Running && _paused)
            {
                // A chunk that was being published when the pause came: the replay stays paused.
                state = ReplayState.Paused;
            }
            else if (state != ReplayState.Running)
            {
                _paused = false;
                _resumed.TrySetResult();
            }

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
                Retrying = null,
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
