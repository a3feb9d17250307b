using Orleans.Placement;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IStrategyGrain"/>. Receives bars in batches (one turn per delivered batch) on its instrument's
/// bar stream, runs them through a <see cref="StrategyEngine"/>, then publishes the position and the metrics buckets
/// once per batch. The definition and status are persisted; the trading state lives in the activation.
/// Reentrant so that <see cref="WaitForBars"/> can wait while deliveries run: turns still never run in parallel,
/// and a batch is processed synchronously within one turn, so bar processing never interleaves with anything.
/// Placed at random, so that in a multi-silo cluster the strategies spread over the silos whichever silo creates them.
/// </summary>
[GrainType("strategy")]
[RandomPlacement]
[Reentrant]
public sealed partial class StrategyGrain(
    [PersistentState("strategy")] IPersistentState<StrategyState> state,
    StrategyRegistry registry,
    ILogger<StrategyGrain> logger) : Grain, IStrategyGrain, IAsyncObserver<BarsPublished>
{
    private readonly List<(long Bars, TaskCompletionSource<long> Waiter)> _waiters = [];
    private readonly List<AlertRaised> _alerts = [];
    private readonly List<AlertRaised> _batchAlerts = [];
    private StrategyEngine? _engine;
    private AlertMonitor? _monitor;
    private IAsyncStream<StrategyUpdated>? _updates;
    private long _sequence;
    private int _publishedEquity;
    private int _publishedTrades;
    private int _publishedRejections;
    private int _monitoredTrades;
    private MetricsSnapshot? _allTime;
    private long _allTimeAtBars = -1;
    private Task _resultsSent = Task.CompletedTask;
    private Task? _created;
    private Task? _starting;

    // The stored owner of the settings last held: kept after a delete, so that the deletion's update names its owner.
    private string? _owner;

    private StrategyId Id => StrategyId.Parse(this.GetPrimaryKeyString());

    private bool IsRunning => _engine is not null && state.State.Status == StrategyStatus.Running;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _updates = this.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<StrategyUpdated>(StreamId.Create(StreamNamespaces.StrategyUpdates, StreamNamespaces.AllStrategiesKey));
        if (state.State.Settings is { } settings)
        {
            NewEngine(settings);
        }

        if (state.State.Status is StrategyStatus.Stopped or StrategyStatus.Failed && state.State.HistoryFrom is not null)
        {
            // Not subscribed, but its trading state is rebuilt, so that a later Start continues where it stopped (a
            // failed strategy's rebuild stops at the bar it failed on again, and its state is readable as it was).
            await ResubscribeAndRebuildAsync(subscribe: false);
        }

        if (state.State.Status is StrategyStatus.Running or StrategyStatus.Paused)
        {
            var handles = await BarStream().GetAllSubscriptionHandles();
            foreach (var handle in handles)
            {
                await handle.ResumeAsync(this);
            }

            await ResubscribeAndRebuildAsync(subscribe: handles.Count == 0);
            await ResumeTicksAsync(state.State.Settings!.Instruments[0]);
            StartCatchUp();
        }
    }

    /// <inheritdoc/>
    public async Task<bool> Create(StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings is { } existing)
        {
            // Records compare ImmutableArray by reference, so compare the instruments by value and the rest by record
            // equality. The settings are set before this grain's first await below, so a concurrent identical Create
            // (the grain is reentrant) lands here too and answers false.
            if (existing.Instruments.SequenceEqual(settings.Instruments) && existing with { Instruments = settings.Instruments } == settings)
            {
                if (_created is { } creating)
                {
                    await creating; // answer once the creating call's state is durable
                }

                return false;
            }

            // Another owner's strategy: say only that the id is taken, nothing about the strategy.
            throw new InvalidOperationException(Owners.Same(existing.Owner, settings.Owner)
                ? $"Strategy '{Id}' already exists with different settings."
                : $"Strategy id '{Id}' is taken; choose another id.");
        }

        if (Id.ToString() == IPortfolioGrain.Key)
        {
            throw new ArgumentException($"Strategy id '{IPortfolioGrain.Key}' is reserved for the portfolio's metrics scope.", "id");
        }

        var errors = StrategySettingsBinder.Validate(settings, registry);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Strategy '{Id}' settings are invalid: {string.Join("; ", errors)}", nameof(settings));
        }

        NewEngine(settings);
        state.State.Settings = settings;
        state.State.Status = StrategyStatus.Created;
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _created = created.Task;
        try
        {
            if (settings.Owner is { } owner)
            {
                // Before the strategy is listed or publishes: the owner's portfolio then sees it from its first update.
                await GrainFactory.GetGrain<IPortfolioGrain>(IPortfolioGrain.OwnerKey(owner)).Ensure();
            }

            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).Register(Id);
            await PublishUpdate();
            created.SetResult();
        }
        catch (Exception ex)
        {
            created.SetException(ex);
            throw;
        }
        finally
        {
            _created = null;
        }

        return true;
    }

    private void NewEngine(StrategySettings settings)
    {
        _engine = new StrategyEngine(Id, settings, registry);
        _owner = settings.Owner;
        ResetBenchmarkAlignment();
        _allTime = null;
        _allTimeAtBars = -1;
        _monitor = new AlertMonitor(Id, settings.InitialCapital) { Thresholds = state.State.Alerts ?? AlertThresholds.None };
        _alerts.Clear();
        _publishedEquity = _publishedTrades = _publishedRejections = _monitoredTrades = 0;
    }

    /// <inheritdoc/>
    public async Task Delete()
    {
        if (state.State.Status == StrategyStatus.None)
        {
            return;
        }

        await UnsubscribeFromInstrumentAsync();

        var instruments = state.State.Settings!.Instruments;
        StopCatchUp();
        await state.ClearStateAsync();
        state.State.Settings = null;
        state.State.Status = StrategyStatus.None;
        state.State.FailureReason = null;
        state.State.Alerts = null;
        _engine = null;
        _monitor = null;
        ResetBenchmarkAlignment();
        _alerts.Clear();
        foreach (var instrument in instruments)
        {
            await GrainFactory.GetGrain<IPositionGrain>(new PositionId(Id, instrument).ToString()).Clear();
        }

        foreach (var level in MetricsBook.AllLevels)
        {
            await GrainFactory.GetGrain<IMetricsBucketGrain>($"{Id}/{level.ToCanonicalString()}").Clear();
        }

        await GrainFactory.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).Unregister(Id);
        await PublishUpdate();
        DeactivateOnIdle();
    }

    /// <inheritdoc/>
    public async Task SetAlertThresholds(AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (state.State.Settings is null)
        {
            throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        }

        var errors = thresholds.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Alert thresholds are invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Error}"))}", nameof(thresholds));
        }

        state.State.Alerts = thresholds;
        await state.WriteStateAsync();
        _monitor!.Thresholds = thresholds;
    }

    /// <inheritdoc/>
    public Task<AlertThresholds> GetAlertThresholds() => Task.FromResult(state.State.Alerts ?? AlertThresholds.None);

    /// <inheritdoc/>
    public Task<ImmutableArray<AlertRaised>> GetAlerts() => Task.FromResult<ImmutableArray<AlertRaised>>([.. _alerts]);

    /// <inheritdoc/>
    public async Task<bool> StartIfCreated()
    {
        while (_starting is { } inFlight)
        {
            await inFlight;
        }

        if (state.State.Status == StrategyStatus.None)
        {
            throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        }

        if (state.State.Status != StrategyStatus.Created)
        {
            return false;
        }

        await Start();
        return true;
    }

    /// <inheritdoc/>
    public async Task Start()
    {
        // The grain is reentrant: a second Start arriving while one subscribes would otherwise subscribe again.
        while (_starting is { } inFlight)
        {
            await inFlight;
        }

        var starting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _starting = starting.Task;
        try
        {
            await StartCoreAsync();
        }
        finally
        {
            _starting = null;
            starting.SetResult();
        }
    }

    private async Task StartCoreAsync()
    {
        switch (state.State.Status)
        {
            case StrategyStatus.None:
                throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
            case StrategyStatus.Running:
                throw new InvalidOperationException($"Strategy '{Id}' is already running.");
            case StrategyStatus.Failed:
                throw new InvalidOperationException($"Strategy '{Id}' failed and cannot be started again ({state.State.FailureReason}); delete it and create it anew.");
            case StrategyStatus.Paused:
                break;
            default:
                await RecordHistoryStartAsync();
                await BarStream().SubscribeAsync(this);
                await SubscribeTicksAsync(state.State.Settings!.Instruments[0]);
                break;
        }

        var newest = await AccountForHistoryOnStartAsync();
        if (state.State.Skipped is [.., { ThroughOpen: null } open])
        {
            open.ThroughOpen = newest ?? open.AfterOpen;
        }

        state.State.Status = StrategyStatus.Running;
        await state.WriteStateAsync();
        PrepareResultGrains();
        StartCatchUp();
        LogInformationStarted(logger, Id.ToString());
        await PublishUpdate();
    }

    /// <summary>
    /// Activates the position grains and the metrics-bucket grains this strategy sends its results to after each bar
    /// batch (one-way <c>Prepare</c> calls, so <c>Start</c> does not wait for them), so that their first activations
    /// happen when the strategy starts, spread over the starts, rather than all at once (about nine per strategy) on the
    /// first bar batch after a cluster's strategies started together.
    /// </summary>
    private void PrepareResultGrains()
    {
        // One-way calls: their tasks complete when the message is sent, and a failure only means the grain activates at
        // its first Update or Apply instead.
        var id = Id;
        foreach (var instrument in state.State.Settings!.Instruments)
        {
            _ = GrainFactory.GetGrain<IPositionGrain>(new PositionId(id, instrument).ToString()).Prepare();
        }

        foreach (var level in _engine!.Metrics.Levels)
        {
            _ = GrainFactory.GetGrain<IMetricsBucketGrain>($"{id}/{level.ToCanonicalString()}").Prepare();
        }
    }

    /// <inheritdoc/>
    public async Task Pause()
    {
        if (state.State.Status != StrategyStatus.Running)
        {
            throw new InvalidOperationException($"Strategy '{Id}' is not running (status {state.State.Status}).");
        }

        state.State.Status = StrategyStatus.Paused;
        state.State.Skipped.Add(new SkippedStretch { AfterOpen = _seenOpen });
        await state.WriteStateAsync();
        await PublishUpdate();
    }

    /// <inheritdoc/>
    public async Task Stop()
    {
        if (state.State.Status == StrategyStatus.None)
        {
            throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        }

        if (state.State.Status == StrategyStatus.Failed)
        {
            throw new InvalidOperationException($"Strategy '{Id}' failed and is already stopped ({state.State.FailureReason}).");
        }

        await UnsubscribeFromInstrumentAsync();

        if (state.State.Status == StrategyStatus.Running)
        {
            state.State.Skipped.Add(new SkippedStretch { AfterOpen = _seenOpen });
        }

        state.State.Status = StrategyStatus.Stopped;
        await state.WriteStateAsync();
        StopCatchUp();
        await PublishUpdate();
    }

    /// <summary>Ends the subscriptions to the instrument's bar stream and ticks (delete, stop, failure).</summary>
    private async Task UnsubscribeFromInstrumentAsync()
    {
        foreach (var handle in await BarStream().GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        await UnsubscribeTicksAsync(state.State.Settings!.Instruments[0]);
    }

    /// <summary>
    /// Marks the strategy <see cref="StrategyStatus.Failed"/> with <paramref name="reason"/> (durably), unsubscribes it,
    /// fails its waiters with the reason, and publishes the last results and the update. During a rebuild of a strategy
    /// that had already failed, only the processing stops (status and reason are already stored).
    /// </summary>
    private async Task FailAsync(string reason)
    {
        LogErrorFailed(logger, Id.ToString(), reason);
        if (_engine?.LastBarTime is { } processed)
        {
            SeenThrough(processed);
        }

        if (state.State.Status != StrategyStatus.Failed)
        {
            if (state.State.Status is StrategyStatus.Running or StrategyStatus.Paused)
            {
                await UnsubscribeFromInstrumentAsync();
                StopCatchUp();
            }

            state.State.Status = StrategyStatus.Failed;
            state.State.FailureReason = reason;
            await state.WriteStateAsync();
        }

        _alerts.AddRange(_batchAlerts);
        var sent = PublishBatchResultsAsync();
        _resultsSent = sent;
        await sent;
        foreach (var (_, waiter) in _waiters)
        {
            waiter.TrySetException(new InvalidOperationException(reason));
        }

        _waiters.Clear();
        if (!_feedingHistory)
        {
            await PublishUpdate();
        }
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>A stream error ends nothing by itself: it is logged with the strategy id, and the subscription stays.</summary>
    public Task OnErrorAsync(Exception ex)
    {
        LogErrorStream(logger, Id.ToString(), ex);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Processes bars: the engine and alerts synchronously (nothing interleaves with the trading state), then the
    /// positions and metrics buckets are sent and awaited (Orleans does not order separate calls, so a batch's results
    /// are delivered before the next batch's are sent), waiters are woken, and one update goes on the update stream.
    /// </summary>
    private async Task OnBarsAsync(IReadOnlyList<Bar> items)
    {
        items = SkipDeliveredDuringRebuildOrProcessed(items);
        if (_engine is null || (_deliveredDuringRebuild is not null && !_feedingHistory) || (state.State.Status != StrategyStatus.Running && !_feedingHistory))
        {
            return;
        }

        if (_engine.HasSeparateBenchmark && (items.Count > 0 || _awaitingBenchmark.Count > 0))
        {
            // Only the bars whose close the benchmark's history has reached; the rest wait, in order (StrategyGrain.Benchmark.cs).
            int awaitingBefore = _awaitingBenchmark.Count;
            items = await AlignWithBenchmarkAsync(items);
            if (items.Count == 0 && _awaitingBenchmark.Count != awaitingBefore && !_feedingHistory)
            {
                await PublishUpdate(); // nothing processed, but watchers learn that bars wait for the benchmark
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        var monitor = _monitor!;
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                _engine.OnBar(items[i]); // feeds first the benchmark bars queued that close by its close
            }
            catch (Exception ex) when (ex is StrategyLimitExceededException or ArithmeticException)
            {
                // The bars processed so far stand (a limit is checked after its bar, fully processed); the strategy
                // stops here, with the reason, and nothing of it blocks other strategies or the portfolio.
                await FailAsync(ex is StrategyLimitExceededException ? ex.Message : $"Strategy '{Id}': {ex.GetType().Name} at the bar at {items[i].OpenTime:O}: {ex.Message}");
                return;
            }

            var trades = _engine.ClosedTrades;
            while (_monitoredTrades < trades.Count)
            {
                monitor.OnTradeClosed(trades[_monitoredTrades++]);
            }

            if (_engine.EquityCurve is { Count: > 0 } curve)
            {
                monitor.OnMark(curve[^1].Time, curve[^1].Equity, _batchAlerts);
            }
        }

        SeenThrough(items[^1].OpenTime);
        _alerts.AddRange(_batchAlerts);
        var sent = PublishBatchResultsAsync();
        _resultsSent = sent;
        await sent;
        CompleteWaiters();
        if (!_feedingHistory)
        {
            await PublishUpdate();
        }
    }

    /// <summary>
    /// The all-time metrics snapshot, built at most once per processed bar count: the all-time bucket changes only when
    /// bars are processed, and building the snapshot (historical VaR/CVaR over every daily return) is O(days), so
    /// snapshot reads between bars reuse it.
    /// </summary>
    private MetricsSnapshot? AllTimeSnapshot()
    {
        var e = _engine;
        if (e is null)
        {
            return null;
        }

        if (_allTimeAtBars != e.BarsProcessed)
        {
            _allTime = e.Metrics.AllTime?.ToSnapshot();
            _allTimeAtBars = e.BarsProcessed;
        }

        return _allTime;
    }

    /// <summary>Publishes what changed since the last update on the strategy update stream.</summary>
    private Task PublishUpdate()
    {
        var settings = state.State.Settings;
        var e = _engine;
        var update = new StrategyUpdated(
            Id,
            ++_sequence,
            state.State.Status,
            settings?.InitialCapital ?? 0m,
            e?.Account.Cash ?? settings?.InitialCapital ?? 0m,
            e?.Account.Equity ?? settings?.InitialCapital ?? 0m,
            e?.BarsProcessed ?? 0,
            e?.LastBarTime,
            AllTimeSnapshot(),
            e is null ? [] : Slice(e.EquityCurve, ref _publishedEquity),
            e is null ? [] : Slice(e.ClosedTrades, ref _publishedTrades),
            e?.OpenTrade,
            e is null ? [] : [.. e.Account.GetPositions()],
            [.. _batchAlerts],
            e is null ? [] : Slice(e.Rejected, ref _publishedRejections),
            state.State.FailureReason,
            _awaitingBenchmark.Count,
            _owner);
        _batchAlerts.Clear();
        return StreamBackpressure.PublishAsync(_updates!, update);

        static ImmutableArray<T> Slice<T>(IReadOnlyList<T> list, ref int published)
        {
            if (published >= list.Count)
            {
                return [];
            }

            var builder = ImmutableArray.CreateBuilder<T>(list.Count - published);
            for (int i = published; i < list.Count; i++)
            {
                builder.Add(list[i]);
            }

            published = list.Count;
            return builder.MoveToImmutable();
        }
    }

    /// <summary>
    /// Sends the positions and the metrics buckets changed by the batch just processed. Everything is read from the engine
    /// before the first await, so the sends carry exactly this batch's results.
    /// </summary>
    private Task PublishBatchResultsAsync()
    {
        var id = Id.ToString();
        var calls = new List<Task>();
        foreach (var position in _engine!.Account.GetPositions())
        {
            calls.Add(GrainFactory.GetGrain<IPositionGrain>(position.Id.ToString()).Update(position));
        }

        foreach (var level in _engine.Metrics.Levels)
        {
            var closed = _engine.Metrics.DrainClosed(level);
            var open = _engine.Metrics.OpenSnapshot(level);
            if (closed.Count > 0 || open is not null)
            {
                var bucket = GrainFactory.GetGrain<IMetricsBucketGrain>($"{id}/{level.ToCanonicalString()}");
                calls.Add(bucket.Apply([.. closed], open));
            }
        }

        return Task.WhenAll(calls);
    }

    private void CompleteWaiters()
    {
        var processed = _engine!.BarsProcessed;
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (processed >= _waiters[i].Bars)
            {
                _waiters[i].Waiter.TrySetResult(processed);
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <inheritdoc/>
    public Task<long> WaitForBars(long bars)
    {
        if (_historyUpdatePending)
        {
            return PublishHistoryUpdateThenWaitAsync(bars);
        }

        var processed = _engine?.BarsProcessed ?? 0;
        if (processed >= bars)
        {
            return AfterResultsSentAsync(processed);
        }

        if (state.State.Status == StrategyStatus.Failed)
        {
            return Task.FromException<long>(new InvalidOperationException(state.State.FailureReason));
        }

        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((bars, waiter));
        return waiter.Task;
    }

    /// <summary>Returns <paramref name="processed"/> once the positions and buckets of the last processed batch are delivered.</summary>
    private async Task<long> AfterResultsSentAsync(long processed)
    {
        await _resultsSent;
        return processed;
    }

    /// <inheritdoc/>
    public Task<StrategySnapshot> GetSnapshot()
    {
        var e = _engine;
        var snapshot = new StrategySnapshot(
            Id,
            state.State.Settings,
            state.State.Status,
            e?.Account.Cash ?? state.State.Settings?.InitialCapital ?? 0m,
            e?.Account.Equity ?? state.State.Settings?.InitialCapital ?? 0m,
            e is null ? [] : [.. e.Account.GetPositions()],
            e?.PendingOrder is { } o ? [o] : [],
            e?.BarsProcessed ?? 0,
            e?.LastBarTime,
            e?.ClosedTrades.Count ?? 0,
            e?.Rejected.Count ?? 0,
            AllTimeSnapshot(),
            state.State.FailureReason,
            _awaitingBenchmark.Count);
        return Task.FromResult(snapshot);
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<TradeRecord>> GetTrades()
    {
        if (_engine is null)
        {
            return Task.FromResult(ImmutableArray<TradeRecord>.Empty);
        }

        var builder = ImmutableArray.CreateBuilder<TradeRecord>(_engine.ClosedTrades.Count + 1);
        builder.AddRange(_engine.ClosedTrades);
        if (_engine.OpenTrade is { } open)
        {
            builder.Add(open);
        }

        return Task.FromResult(builder.ToImmutable());
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<EquityPoint>> GetEquityCurve()
        => Task.FromResult(_engine is null ? ImmutableArray<EquityPoint>.Empty : [.. _engine.EquityCurve]);

    /// <inheritdoc/>
    public Task<ImmutableArray<OrderRejected>> GetRejectedOrders()
        => Task.FromResult(_engine is null ? ImmutableArray<OrderRejected>.Empty : [.. _engine.Rejected]);

    private IAsyncStream<BarsPublished> BarStream()
    {
        var instrument = state.State.Settings?.Instruments[0] ?? throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        return this.GetStreamProvider(StreamNamespaces.Provider).GetStream<BarsPublished>(StreamId.Create(StreamNamespaces.Bars, instrument.Symbol));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId} started")]
    private static partial void LogInformationStarted(ILogger logger, string strategyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Strategy {StrategyId} failed: {Reason}")]
    private static partial void LogErrorFailed(ILogger logger, string strategyId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream error delivered to strategy {StrategyId}")]
    private static partial void LogErrorStream(ILogger logger, string strategyId, Exception exception);

}
