using System.Collections.Immutable;
using TradingRobotPlug.Api.Features.Strategies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// Bridges grains to the dashboard hub without grains knowing about SignalR. It subscribes client-side to the strategy
/// update stream, lazily to the bar streams of instruments that have a group, and to
/// <see cref="MarketReplayService.StatusChanged"/>; the observers only fold each event into in-memory state under a
/// lock (no awaits, no SignalR). A single flush loop (a <see cref="PeriodicTimer"/> with period
/// 1 / <see cref="TradingApiOptions.PushesPerSecond"/>) sends what changed to each group that has members, so a group
/// gets at most that many pushes per second whatever the event rate.
/// </summary>
/// <remarks>
/// Coalescing per group and push: summaries, positions, the open trade and the replay status are latest-wins; equity
/// points, closed trades, alerts and bars accumulate. Caps per push: <see cref="MaxTradesPerPush"/> trades and
/// <see cref="MaxAlertsPerPush"/> alerts (the rest goes in the next push, nothing is lost),
/// <see cref="MaxEquityPointsPerPush"/> equity points (thinned evenly, the latest kept) and
/// <see cref="MaxBarsPerPush"/> bars (the latest kept). Nothing accumulates for a group without members: a client that
/// joins reads the current state from the grains instead. A group's next push starts only after its previous one has
/// been sent, so a slow client delays (and further coalesces) its own groups' pushes, not the other groups'.
/// </remarks>
public sealed partial class DashboardNotifier : IHostedService, IAsyncObserver<StrategyUpdated>, IDisposable
{
    /// <summary>Most equity points in one <c>equity</c> push; more are thinned evenly (first and last kept).</summary>
    public const int MaxEquityPointsPerPush = 1000;

    /// <summary>Most closed trades in one <c>trade</c> push; the rest are sent with the next push.</summary>
    public const int MaxTradesPerPush = 500;

    /// <summary>Most alerts in one <c>alert</c> push; the rest are sent with the next push.</summary>
    public const int MaxAlertsPerPush = 100;

    /// <summary>Most bars in one <c>bar</c> push; older ones are dropped (a chart re-reads history over REST).</summary>
    public const int MaxBarsPerPush = 1000;

    private static readonly TimeSpan PortfolioReadTimeout = TimeSpan.FromSeconds(1);
    private readonly IClusterClient _client;
    private readonly IHubContext<DashboardHub> _hub;
    private readonly MarketReplayService _replay;
    private readonly DashboardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<DashboardNotifier> _logger;
    private readonly TimeSpan _period;
    private readonly Lock _lock = new();
    private readonly Dictionary<StrategyId, StrategyFeed> _strategies = [];
    private readonly Dictionary<InstrumentId, InstrumentFeed> _instruments = [];
    private readonly Dictionary<string, int> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OverviewFeed> _overviews = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private int _portfolioFailures;
    private StreamSubscriptionHandle<StrategyUpdated>? _updates;
    private Task _loop = Task.CompletedTask;

    // The flush loop and the pushes being sent, by group; only the flush loop touches it.
    private PushLoop? _pushes;

    /// <summary>Creates the notifier; it starts with the host.</summary>
    public DashboardNotifier(
        IClusterClient client,
        IHubContext<DashboardHub> hub,
        MarketReplayService replay,
        IOptions<TradingApiOptions> options,
        DashboardMetrics metrics,
        TimeProvider time,
        ILogger<DashboardNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _hub = hub;
        _replay = replay;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _period = TimeSpan.FromSeconds(1.0 / options.Value.PushesPerSecond);
    }

    /// <summary>Time between two flushes: 1 / <see cref="TradingApiOptions.PushesPerSecond"/>.</summary>
    public TimeSpan FlushPeriod => _period;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _replay.StatusChanged += OnReplayStatus;
        _updates = await _client.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<StrategyUpdated>(StreamId.Create(StreamNamespaces.StrategyUpdates, StreamNamespaces.AllStrategiesKey))
            .SubscribeAsync(this);
        var pushes = Pushes;
        _loop = Task.Run(() => pushes.RunAsync(FlushAsync, _stopping.Token), CancellationToken.None);
        LogInformationStarted(_logger, 1 / _period.TotalSeconds);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return; // disposed first: the loop is cancelled and the service provider is gone
        }

        _replay.StatusChanged -= OnReplayStatus;
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
        await Pushes.WhenSentAsync(cancellationToken);
        List<(InstrumentId Instrument, Task<StreamSubscriptionHandle<BarsPublished>> Subscription)> bars;
        lock (_lock)
        {
            bars = [.. _instruments.Values.Where(f => f.Subscription is not null).Select(f => (f.Id, f.Subscription!))];
        }

        // Stream ids are built here, not read from the handles: a handle whose stream the co-hosted silo has already
        // shut down throws NullReferenceException from its StreamId getter (Orleans 10.4.2).
        if (_updates is { } updates)
        {
            await UnsubscribeAsync(updates.UnsubscribeAsync, StreamId.Create(StreamNamespaces.StrategyUpdates, StreamNamespaces.AllStrategiesKey));
        }

        foreach (var (instrument, task) in bars.Where(b => b.Subscription.IsCompletedSuccessfully))
        {
            await UnsubscribeAsync(task.Result.UnsubscribeAsync, StreamId.Create(StreamNamespaces.Bars, instrument.Symbol));
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

    /// <summary>One strategy's update from the strategy update stream.</summary>
    public Task OnNextAsync(StrategyUpdated item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return OnUpdates([item]);
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>A stream error is logged with the stream's name; subscriptions stay in place.</summary>
    public Task OnErrorAsync(Exception ex) => OnStreamError(StreamNamespaces.StrategyUpdates, ex);

    /// <summary>Logs an error a stream delivered to one of the notifier's observers.</summary>
    internal Task OnStreamError(string stream, Exception ex)
    {
        LogErrorStream(_logger, stream, ex);
        return Task.CompletedTask;
    }

    private Task OnUpdates(IReadOnlyList<StrategyUpdated> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _metrics.Received(items.Count);
        long coalesced = 0;
        lock (_lock)
        {
            foreach (var update in items)
            {
                coalesced += Apply(update);
            }
        }

        if (coalesced > 0)
        {
            _metrics.Coalesced(coalesced);
        }

        return Task.CompletedTask;
    }

    /// <summary>Records that a connection joined a group: from now on the group's changes accumulate for pushes, and
    /// its latest-wins values are pushed again at the next flush (so a push already in flight cannot leave the joiner
    /// with older values than its join state).</summary>
    internal void AddMember(string connectionId, DashboardGroup group)
    {
        var replay = group.Kind == DashboardGroupKind.Overview ? _replay.Status : null;
        lock (_lock)
        {
            if (!_connections.TryGetValue(connectionId, out var groups))
            {
                _connections[connectionId] = groups = new HashSet<string>(StringComparer.Ordinal);
            }

            if (groups.Add(group.Name))
            {
                _members[group.Name] = _members.GetValueOrDefault(group.Name) + 1;
            }

            if (group.Kind == DashboardGroupKind.Overview)
            {
                if (!_overviews.TryGetValue(group.Name, out var overview))
                {
                    _overviews[group.Name] = overview = new OverviewFeed(group);
                }

                overview.PendingReplay ??= replay;
            }
            else if (group.Kind == DashboardGroupKind.Strategy && _strategies.TryGetValue(group.Strategy, out var feed) && feed.Latest is not null)
            {
                feed.MetricsDirty = feed.PositionsDirty = true;
            }
        }
    }

    /// <summary>Records that a connection left a group; a group without members gets no pushes and accumulates nothing.</summary>
    internal void RemoveMember(string connectionId, DashboardGroup group)
    {
        lock (_lock)
        {
            if (_connections.TryGetValue(connectionId, out var groups) && groups.Remove(group.Name))
            {
                Decrement(group.Name);
                if (groups.Count == 0)
                {
                    _connections.Remove(connectionId);
                }
            }
        }
    }

    /// <summary>Forgets a disconnected connection's memberships.</summary>
    internal void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (_connections.Remove(connectionId, out var groups))
            {
                foreach (var name in groups)
                {
                    Decrement(name);
                }
            }
        }
    }

    /// <summary>Members of a group (for tests and diagnostics).</summary>
    internal int MemberCount(string group)
    {
        lock (_lock)
        {
            return _members.GetValueOrDefault(group);
        }
    }

    /// <summary>Subscribes (once) to the instrument's bar stream; completes when the subscription is in place.</summary>
    internal async Task EnsureBarsAsync(InstrumentId instrument)
    {
        Task<StreamSubscriptionHandle<BarsPublished>> task;
        lock (_lock)
        {
            if (!_instruments.TryGetValue(instrument, out var feed))
            {
                _instruments[instrument] = feed = new InstrumentFeed(instrument);
            }

            task = feed.Subscription ??= SubscribeBarsAsync(feed);
        }

        try
        {
            await task;
        }
        catch (Exception ex)
        {
            LogErrorBarSubscriptionFailed(_logger, instrument.Symbol, ex);
            lock (_lock)
            {
                if (_instruments.TryGetValue(instrument, out var feed) && feed.Subscription == task)
                {
                    feed.Subscription = null;
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Subscribes to the instrument's bar stream, then reads how far its history went at that point and arms the feed:
    /// bars up to there reach members in their join state, so a stream delivery of one of them is not pushed again.
    /// </summary>
    private async Task<StreamSubscriptionHandle<BarsPublished>> SubscribeBarsAsync(InstrumentFeed feed)
    {
        var handle = await _client.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<BarsPublished>(StreamId.Create(StreamNamespaces.Bars, feed.Id.Symbol))
            .SubscribeAsync(new BarStreamObserver(this, feed));
        var snapshot = await _client.GetGrain<IInstrumentGrain>(feed.Id.Symbol).GetSnapshot();
        List<Bar> early;
        lock (_lock)
        {
            feed.HistoryThrough = snapshot.LastBarOpenTime;
            feed.Armed = true;
            early = [.. feed.Early];
            feed.Early.Clear();
        }

        if (early.Count > 0)
        {
            OnBars(feed, early);
        }

        return handle;
    }

    /// <summary>Folds bars of one instrument (called on the bar stream's delivery loop).</summary>
    internal void OnBars(InstrumentFeed feed, IReadOnlyList<Bar> bars)
    {
        _metrics.Received(bars.Count);
        bool coalesced = false;
        lock (_lock)
        {
            if (!feed.Armed)
            {
                feed.Early.AddRange(bars);
                return;
            }

            if (feed.HistoryThrough is { } through && bars.Count > 0 && bars[0].OpenTime <= through)
            {
                bars = [.. bars.Where(b => b.OpenTime > through)];
            }

            if (bars.Count > 0)
            {
                // A republished batch (a retried publish after a silo failure) brings bars already handled: skip them next time too.
                feed.HistoryThrough = bars[^1].OpenTime;
            }

            if (!HasMembers(feed.Group.Name) || bars.Count == 0)
            {
                return;
            }

            coalesced = feed.PendingBars.Count > 0;
            feed.PendingBars.AddRange(bars);
            if (feed.PendingBars.Count > 2 * MaxBarsPerPush)
            {
                feed.PendingBars.RemoveRange(0, feed.PendingBars.Count - MaxBarsPerPush);
            }
        }

        if (coalesced)
        {
            _metrics.Coalesced(bars.Count);
        }
    }

    /// <summary>
    /// One flush-loop tick: collects every group's pending changes and starts one push per group. A group whose previous
    /// push is still being sent (a slow client holding up its group) is skipped, so its changes keep coalescing and
    /// pushes to one group never overlap or reorder; the tick waits at most one period for the sends it started, so a
    /// slow group does not hold up the others.
    /// </summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        await ReadNewDefinitionsAsync();
        var busy = Pushes.Busy();

        var pushes = new List<(string Group, List<PendingMessage> Messages)>();
        var overviews = new List<(OverviewFeed Feed, bool Portfolio, List<PendingMessage> Messages)>();
        lock (_lock)
        {
            foreach (var feed in _overviews.Values)
            {
                if (busy?.Contains(feed.Group.Name) != true)
                {
                    bool portfolio = feed.PortfolioDirty;
                    feed.PortfolioDirty = false;
                    overviews.Add((feed, portfolio, CollectOverview(feed)));
                }
            }

            foreach (var feed in _strategies.Values)
            {
                if (busy?.Contains(feed.Group.Name) != true && CollectStrategy(feed) is { Count: > 0 } messages)
                {
                    pushes.Add((feed.Group.Name, messages));
                }
            }

            foreach (var feed in _instruments.Values)
            {
                if (feed.PendingBars.Count > 0 && HasMembers(feed.Group.Name) && busy?.Contains(feed.Group.Name) != true)
                {
                    var bars = feed.PendingBars;
                    feed.PendingBars = [];
                    IReadOnlyList<Bar> sent = bars.Count > MaxBarsPerPush ? bars[^MaxBarsPerPush..] : bars;
                    pushes.Add((feed.Group.Name, [new PendingMessage(DashboardEvents.Bar, new BarUpdate(feed.Id.Symbol, sent))]));
                }
            }
        }

        // The portfolio reads of the overview groups (the whole cluster's, and one per owner watching) run together.
        var points = await Task.WhenAll(overviews.Select(o => o.Portfolio ? ReadPortfolioPointAsync(o.Feed.PortfolioKey) : Task.FromResult<EquityCurvePoint?>(null)));
        for (int i = 0; i < overviews.Count; i++)
        {
            var (feed, portfolio, messages) = overviews[i];
            if (portfolio)
            {
                var point = points[i];
                if (point is not null && point.Time != feed.LastPortfolioMark)
                {
                    feed.LastPortfolioMark = point.Time;
                    messages.Insert(0, new PendingMessage(DashboardEvents.Equity, new EquityUpdate(EquityUpdate.Portfolio, [point])));
                }

                // The portfolio grain folds the same strategy updates on its own subscription, possibly after this read:
                // read it again at the next flush until its marks reach the newest bar time seen (a strategy behind the
                // others holds them back; then it is re-read once per flush period until it catches up).
                lock (_lock)
                {
                    if (feed.NewestBarTime is { } newest && (point is null || point.Time < newest))
                    {
                        feed.PortfolioDirty = true;
                    }
                }
            }

            if (messages.Count > 0)
            {
                pushes.Add((feed.Group.Name, messages));
            }
        }

        await Pushes.StartAsync([.. pushes.Select(p => (p.Group, (Func<Task>)(() => SendAsync(p.Group, p.Messages, cancellationToken))))], cancellationToken);
    }

    /// <summary>The push loop (created on first use: tests call <see cref="FlushAsync"/> without starting the host).</summary>
    private PushLoop Pushes => _pushes ??= new PushLoop(_period, _time, _logger);

    /// <summary>Reads a portfolio's latest equity mark; null when it has none or the portfolio grain does not answer
    /// within <see cref="PortfolioReadTimeout"/> (logged: the first failure as a warning, later ones at debug level),
    /// so a slow portfolio grain cannot hold up the pushes of other groups for long.</summary>
    /// <param name="key">The portfolio grain's key: <see cref="IPortfolioGrain.Key"/> or an <see cref="IPortfolioGrain.OwnerKey"/>.</param>
    internal async Task<EquityCurvePoint?> ReadPortfolioPointAsync(string key)
    {
        try
        {
            var snapshot = await _client.GetGrain<IPortfolioGrain>(key).GetSnapshot().WaitAsync(PortfolioReadTimeout);
            return EquityCurvePoint.LatestOf(snapshot);
        }
        catch (Exception ex)
        {
            if (Interlocked.Increment(ref _portfolioFailures) == 1)
            {
                LogWarningPortfolioUnavailable(_logger, ex);
            }
            else
            {
                LogDebugPortfolioUnavailable(_logger, ex.Message);
            }

            return null;
        }
    }

    private int Apply(StrategyUpdated update)
    {
        if (!_strategies.TryGetValue(update.Id, out var feed))
        {
            _strategies[update.Id] = feed = new StrategyFeed(update.Id);
        }

        if (update.Status == StrategyStatus.None)
        {
            // Deleted: a strategy created again under the same id may have another definition and capital.
            feed.Settings = null;
            feed.SettingsRead = false;
            feed.Peak = 0;
        }

        bool group = HasMembers(feed.Group.Name);
        int coalesced = group && feed.MetricsDirty ? 1 : 0;
        var previousOpen = feed.Latest?.OpenTrade;
        bool seen = feed.Latest is not null;
        feed.Latest = update;
        if (!seen && update.Metrics is { Marks: var marks, PeakEquity: { } known } && marks > update.NewEquity.Length)
        {
            // Marks were made before this notifier started (durable state): start from the path's peak so far.
            feed.Peak = known;
        }

        foreach (var point in update.NewEquity)
        {
            feed.Peak = Math.Max(feed.Peak, point.Equity);
            if (group)
            {
                feed.PendingEquity.Add(EquityCurvePoint.Create(point.Time, point.Equity, feed.Peak, point.BenchmarkEquity));
            }
        }

        foreach (var overview in _overviews.Values)
        {
            if (!overview.Includes(update.Owner))
            {
                continue;
            }

            if (!overview.Dirty.Add(update.Id))
            {
                coalesced++;
            }

            overview.PortfolioDirty = true;
            if (update.LastBarTime is { } barTime && (overview.NewestBarTime is null || barTime > overview.NewestBarTime))
            {
                overview.NewestBarTime = barTime;
            }

            overview.Alerts.AddRange(update.NewAlerts);
        }

        if (group)
        {
            feed.MetricsDirty = true;
            feed.PositionsDirty = true;
            feed.PendingTrades.AddRange(update.NewTrades);
            feed.PendingAlerts.AddRange(update.NewAlerts);
            if (update.NewTrades.Length > 0 || update.OpenTrade != previousOpen)
            {
                feed.TradesDirty = true;
            }
        }

        return coalesced;
    }

    private List<PendingMessage> CollectOverview(OverviewFeed overview)
    {
        var messages = new List<PendingMessage>(4);
        if (overview.PendingReplay is { } replay)
        {
            messages.Add(new PendingMessage(DashboardEvents.Replay, replay));
            overview.PendingReplay = null;
        }

        if (overview.Alerts.Count > 0)
        {
            messages.Add(new PendingMessage(DashboardEvents.Alert, Take(overview.Alerts, MaxAlertsPerPush)));
        }

        if (overview.Dirty.Count > 0)
        {
            var summaries = new List<StrategySummary>(overview.Dirty.Count);
            foreach (var id in overview.Dirty)
            {
                if (_strategies.TryGetValue(id, out var feed) && feed.Latest is { } latest)
                {
                    summaries.Add(StrategySummary.From(latest, feed.Settings));
                }
            }

            overview.Dirty.Clear();
            messages.Add(new PendingMessage(DashboardEvents.Metrics, summaries));
        }

        return messages;
    }

    private List<PendingMessage>? CollectStrategy(StrategyFeed feed)
    {
        if (feed.Latest is not { } latest || !(feed.MetricsDirty || feed.PositionsDirty || feed.TradesDirty || feed.PendingEquity.Count > 0 || feed.PendingAlerts.Count > 0))
        {
            return null;
        }

        if (!HasMembers(feed.Group.Name))
        {
            feed.ClearGroupPending();
            return null;
        }

        // The summary goes last, so a client that sees a summary has already seen the trades and points behind it.
        var messages = new List<PendingMessage>(5);
        if (feed.PendingEquity.Count > 0)
        {
            var points = feed.PendingEquity;
            feed.PendingEquity = [];
            messages.Add(new PendingMessage(DashboardEvents.Equity, new EquityUpdate(feed.Id.Value, Downsample.Evenly(points, MaxEquityPointsPerPush))));
        }

        if (feed.TradesDirty || feed.PendingTrades.Count > 0)
        {
            var trades = Take(feed.PendingTrades, MaxTradesPerPush);
            feed.TradesDirty = feed.PendingTrades.Count > 0;
            messages.Add(new PendingMessage(DashboardEvents.Trade, new TradeUpdate(feed.Id, trades, latest.OpenTrade)));
        }

        if (feed.PositionsDirty)
        {
            feed.PositionsDirty = false;
            messages.Add(new PendingMessage(DashboardEvents.Position, new PositionUpdate(feed.Id, latest.Positions)));
        }

        if (feed.PendingAlerts.Count > 0)
        {
            messages.Add(new PendingMessage(DashboardEvents.Alert, Take(feed.PendingAlerts, MaxAlertsPerPush)));
        }

        if (feed.MetricsDirty)
        {
            feed.MetricsDirty = false;
            messages.Add(new PendingMessage(DashboardEvents.Metrics, new[] { StrategySummary.From(latest, feed.Settings) }));
        }

        return messages;
    }

    private async Task ReadNewDefinitionsAsync()
    {
        List<StrategyFeed>? unread = null;
        lock (_lock)
        {
            foreach (var feed in _strategies.Values)
            {
                if (feed.Latest is { Status: not StrategyStatus.None } && !feed.SettingsRead)
                {
                    feed.SettingsRead = true;
                    (unread ??= []).Add(feed);
                }
            }
        }

        if (unread is not null)
        {
            await Task.WhenAll(unread.Select(ReadDefinitionAsync));
        }
    }

    private async Task ReadDefinitionAsync(StrategyFeed feed)
    {
        try
        {
            var snapshot = await _client.GetGrain<IStrategyGrain>(feed.Id.Value).GetSnapshot();
            lock (_lock)
            {
                feed.Settings = snapshot.Settings;
            }
        }
        catch (Exception ex)
        {
            LogWarningDefinitionUnreadable(_logger, feed.Id.Value, ex);
        }
    }

    private async Task SendAsync(string group, List<PendingMessage> messages, CancellationToken cancellationToken)
    {
        var clients = _hub.Clients.Group(group);
        foreach (var message in messages)
        {
            try
            {
                await clients.SendAsync(message.Event, message.Payload, cancellationToken);
                _metrics.Pushed(message.Event);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogDebugPushCancelled(_logger, message.Event, group);
                return;
            }
            catch (Exception ex)
            {
                _metrics.PushFailed(message.Event);
                LogErrorPushFailed(_logger, message.Event, group, ex);
            }
        }
    }

    private void OnReplayStatus(ReplayStatus status)
    {
        _metrics.Received(1);
        bool coalesced;
        lock (_lock)
        {
            coalesced = false;
            foreach (var overview in _overviews.Values)
            {
                coalesced |= overview.PendingReplay is not null;
                overview.PendingReplay = status;
            }
        }

        if (coalesced)
        {
            _metrics.Coalesced();
        }
    }

    private async Task UnsubscribeAsync(Func<Task> unsubscribe, StreamId stream)
    {
        try
        {
            await unsubscribe();
        }
        catch (Exception ex)
        {
            LogWarningUnsubscribeFailed(_logger, stream.ToString(), ex);
        }
    }

    private bool HasMembers(string group) => _members.GetValueOrDefault(group) > 0;

    private void Decrement(string group)
    {
        int left = _members.GetValueOrDefault(group) - 1;
        if (left > 0)
        {
            _members[group] = left;
            return;
        }

        _members.Remove(group);
        if (_overviews.Remove(group) || !DashboardGroup.TryParse(group, out var parsed, out _))
        {
            return; // an overview group without members: its pending changes go with it
        }

        switch (parsed.Kind)
        {
            case DashboardGroupKind.Strategy when _strategies.TryGetValue(parsed.Strategy, out var feed):
                feed.ClearGroupPending();
                break;
            case DashboardGroupKind.Instrument when _instruments.TryGetValue(parsed.Instrument, out var feed):
                feed.PendingBars.Clear();
                break;
        }
    }

    private static List<T> Take<T>(List<T> pending, int max)
    {
        if (pending.Count <= max)
        {
            var all = new List<T>(pending);
            pending.Clear();
            return all;
        }

        var head = pending.GetRange(0, max);
        pending.RemoveRange(0, max);
        return head;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard notifier started: at most {PushesPerSecond} pushes per second per group")]
    private static partial void LogInformationStarted(ILogger logger, double pushesPerSecond);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushing {Event} to group {Group} failed")]
    private static partial void LogErrorPushFailed(ILogger logger, string @event, string group, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push of {Event} to group {Group} cancelled: the host is stopping")]
    private static partial void LogDebugPushCancelled(ILogger logger, string @event, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing to the bars of {Symbol} failed")]
    private static partial void LogErrorBarSubscriptionFailed(ILogger logger, string symbol, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The portfolio grain does not answer; the overview gets no portfolio equity until it does")]
    private static partial void LogWarningPortfolioUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The portfolio grain still does not answer: {Reason}")]
    private static partial void LogDebugPortfolioUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the definition of strategy {StrategyId} failed; its summaries go out without spec and instruments")]
    private static partial void LogWarningDefinitionUnreadable(ILogger logger, string strategyId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream} delivered an error to the dashboard notifier")]
    private static partial void LogErrorStream(ILogger logger, string stream, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribing from {Stream} failed")]
    private static partial void LogWarningUnsubscribeFailed(ILogger logger, string stream, Exception exception);
}
