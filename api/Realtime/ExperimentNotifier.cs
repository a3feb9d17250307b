using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// Pushes experiment snapshots to the SignalR groups <c>experiment:{id}</c>: subscribes to
/// <see cref="ExperimentStreams.Updates"/> (each experiment grain publishes a snapshot on every change of its result or
/// status), keeps the latest snapshot per experiment (latest wins) and sends the changed ones as <see cref="Event"/>
/// messages once per flush period (1 / <see cref="TradingApiOptions.PushesPerSecond"/>), like
/// <see cref="DashboardNotifier"/> does for strategies. Grains never touch SignalR.
/// </summary>
public sealed partial class ExperimentNotifier : IHostedService, IAsyncObserver<ExperimentSnapshot>, IDisposable
{
    /// <summary>The client event carrying an <see cref="ExperimentSnapshot"/>.</summary>
    public const string Event = "experiment";

    private readonly IClusterClient _client;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<ExperimentNotifier> _logger;
    private readonly TimeSpan _period;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ExperimentSnapshot> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private StreamSubscriptionHandle<ExperimentSnapshot>? _subscription;
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the notifier; it starts with the host.</summary>
    public ExperimentNotifier(IClusterClient client, IHubContext<DashboardHub> hub, IOptions<TradingApiOptions> options, TimeProvider time, ILogger<ExperimentNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _hub = hub;
        _time = time;
        _logger = logger;
        _period = TimeSpan.FromSeconds(1.0 / options.Value.PushesPerSecond);
    }

    /// <summary>The current snapshot of an experiment (canonical id), or null when it does not exist.</summary>
    public async Task<ExperimentSnapshot?> ReadAsync(string id)
    {
        var snapshot = await _client.GetGrain<IExperimentGrain>(id).GetSnapshot();
        return snapshot.Status == ExperimentStatus.None ? null : snapshot;
    }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await _client.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<ExperimentSnapshot>(StreamId.Create(ExperimentStreams.Updates, ExperimentStreams.AllKey))
            .SubscribeAsync(this);
        _loop = Task.Run(() => FlushLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return; // disposed first: the loop is cancelled and the service provider is gone
        }

        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
        if (_subscription is { } subscription)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                // The cluster may already be going down with the host (its stream provider stopped, the handle
                // invalidated); the subscription dies with it.
                LogWarningUnsubscribeFailed(_logger, ex);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The test server can dispose the services before the host stops them; disposing cancels the flush loop, and a
    /// later <see cref="StopAsync"/> then has nothing left to do.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    /// <summary>One experiment's snapshot from the experiment stream: replaces any not yet pushed.</summary>
    public Task OnNextAsync(ExperimentSnapshot item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            _pending[item.Id] = item;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>A stream error is logged; the subscription stays.</summary>
    public Task OnErrorAsync(Exception ex)
    {
        LogErrorStream(_logger, ex);
        return Task.CompletedTask;
    }

    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                List<ExperimentSnapshot> due;
                lock (_lock)
                {
                    due = [.. _pending.Values];
                    _pending.Clear();
                }

                foreach (var snapshot in due)
                {
                    try
                    {
                        await _hub.Clients.Group(DashboardGroup.ForExperiment(snapshot.Id).Name).SendAsync(Event, snapshot, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // A push that fails while the host stops (the hub's connections closing) is logged like any
                        // other; the loop then ends at its next wait.
                        LogErrorPushFailed(_logger, snapshot.Id, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream error delivered to the experiment notifier")]
    private static partial void LogErrorStream(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Push of experiment {ExperimentId} failed")]
    private static partial void LogErrorPushFailed(ILogger logger, string experimentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The experiment notifier could not unsubscribe while stopping")]
    private static partial void LogWarningUnsubscribeFailed(ILogger logger, Exception exception);
}
