using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// Pushes experiment snapshots to the SignalR groups <c>experiment:{id}</c> (one experiment, <see cref="Event"/>) and
/// to the experiment list (<c>experiments</c>, <see cref="ListEvent"/>): subscribes to
/// <see cref="ExperimentStreams.Updates"/> (each experiment grain publishes a snapshot on every change of its result or
/// status), keeps the latest snapshot per experiment and group (latest wins) and sends the changed ones once per flush
/// period (1 / <see cref="TradingApiOptions.PushesPerSecond"/>) on a <see cref="PushLoop"/>, like
/// <see cref="DashboardNotifier"/> does for strategies. Grains never touch SignalR.
/// </summary>
/// <remarks>
/// The list is scoped by owner like the overview: a caller that reads every owner's experiments (an operator) is in the
/// SignalR group <c>experiments</c>, any other caller in its owner's (<c>experiments@{owner}</c>,
/// <see cref="DashboardGroup.ForExperimentList"/>), and each snapshot goes to those two groups only. A group's next
/// push starts only after its previous one was sent; meanwhile its rows keep coalescing.
/// </remarks>
public sealed partial class ExperimentNotifier : IHostedService, IAsyncObserver<ExperimentSnapshot>, IDisposable
{
    /// <summary>The client event carrying an <see cref="ExperimentSnapshot"/> (group <c>experiment:{id}</c>).</summary>
    public const string Event = "experiment";

    /// <summary>The client event carrying an <see cref="ExperimentListUpdate"/> (group <c>experiments</c>).</summary>
    public const string ListEvent = "experiments";

    private readonly IClusterClient _client;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly ILogger<ExperimentNotifier> _logger;
    private readonly PushLoop _pushes;
    private readonly Lock _lock = new();

    // Not yet pushed, latest wins: the snapshot for each experiment:{id} group, and the changed rows of each list group by id.
    private readonly Dictionary<string, ExperimentSnapshot> _pendingExperiments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ExperimentSnapshot>> _pendingLists = new(StringComparer.Ordinal);
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
        _logger = logger;
        _pushes = new PushLoop(TimeSpan.FromSeconds(1.0 / options.Value.PushesPerSecond), time, logger);
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
        _loop = Task.Run(() => _pushes.RunAsync(FlushAsync, _stopping.Token), CancellationToken.None);
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
        await _pushes.WhenSentAsync(cancellationToken);
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

    /// <summary>One experiment's snapshot from the experiment stream: replaces any not yet pushed to its
    /// <c>experiment:{id}</c> group and to the list groups of its owner and of everyone.</summary>
    public Task OnNextAsync(ExperimentSnapshot item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            _pendingExperiments[DashboardGroup.ForExperiment(item.Id).Name] = item;
            if (item.Settings is { } settings)
            {
                PendRow(DashboardGroup.ForExperimentList(Owners.Of(settings.Owner)).Name, item);
                PendRow(DashboardGroup.ExperimentListName, item);
            }
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

    /// <summary>
    /// One flush: starts a push to each group with pending changes whose previous push has been sent (an
    /// <see cref="Event"/> per experiment group, one <see cref="ListEvent"/> with the changed rows per list group) and
    /// waits at most one period for them.
    /// </summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var busy = _pushes.Busy();
        var pushes = new List<(string Group, Func<Task> Send)>();
        lock (_lock)
        {
            foreach (var (group, snapshot) in _pendingExperiments.ToList())
            {
                if (busy?.Contains(group) != true)
                {
                    _pendingExperiments.Remove(group);
                    pushes.Add((group, () => SendAsync(group, Event, snapshot, cancellationToken)));
                }
            }

            foreach (var (group, rows) in _pendingLists.ToList())
            {
                if (busy?.Contains(group) != true)
                {
                    _pendingLists.Remove(group);
                    var update = new ExperimentListUpdate(false, [.. rows.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);
                    pushes.Add((group, () => SendAsync(group, ListEvent, update, cancellationToken)));
                }
            }
        }

        await _pushes.StartAsync(pushes, cancellationToken);
    }

    private void PendRow(string group, ExperimentSnapshot snapshot)
    {
        if (!_pendingLists.TryGetValue(group, out var rows))
        {
            _pendingLists[group] = rows = new Dictionary<string, ExperimentSnapshot>(StringComparer.Ordinal);
        }

        rows[snapshot.Id] = snapshot;
    }

    private async Task SendAsync(string group, string @event, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await _hub.Clients.Group(group).SendAsync(@event, payload, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            LogErrorPushFailed(_logger, @event, group, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream error delivered to the experiment notifier")]
    private static partial void LogErrorStream(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushing {Event} to group {Group} failed")]
    private static partial void LogErrorPushFailed(ILogger logger, string @event, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The experiment notifier could not unsubscribe while stopping")]
    private static partial void LogWarningUnsubscribeFailed(ILogger logger, Exception exception);
}
