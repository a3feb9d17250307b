using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Concurrency;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IStrategyGrain"/>. Receives bars in batches (one turn per delivered batch) on its instrument's
/// bar stream, runs them through a <see cref="StrategyEngine"/>, then publishes the position and the metrics buckets
/// once per batch. The definition and status are persisted; the trading state lives in the activation.
/// Reentrant so that <see cref="WaitForBars"/> can wait while deliveries run: turns still never run in parallel,
/// and a batch is processed synchronously within one turn, so bar processing never interleaves with anything.
/// </summary>
[Reentrant]
public sealed partial class StrategyGrain(
    [PersistentState("strategy")] IPersistentState<StrategyState> state,
    StrategyRegistry registry,
    ILogger<StrategyGrain> logger) : Grain, IStrategyGrain, IAsyncBatchObserver<Bar>
{
    private readonly List<(long Bars, TaskCompletionSource<long> Waiter)> _waiters = [];
    private StrategyEngine? _engine;

    private StrategyId Id => StrategyId.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Settings is { } settings)
        {
            _engine = new StrategyEngine(Id, settings, registry);
        }

        if (state.State.Status is StrategyStatus.Running or StrategyStatus.Paused)
        {
            foreach (var handle in await BarStream().GetAllSubscriptionHandles())
            {
                await handle.ResumeAsync(this);
            }
        }
    }

    /// <inheritdoc/>
    public async Task Create(StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings is { } existing)
        {
            // Records compare ImmutableArray by reference, so compare the instruments by value and the rest by record equality.
            if (existing.Instruments.SequenceEqual(settings.Instruments) && existing with { Instruments = settings.Instruments } == settings)
            {
                return;
            }

            throw new InvalidOperationException($"Strategy '{Id}' already exists with different settings.");
        }

        var errors = StrategySettingsBinder.Validate(settings, registry);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Strategy '{Id}' settings are invalid: {string.Join("; ", errors)}", nameof(settings));
        }

        _engine = new StrategyEngine(Id, settings, registry);
        state.State.Settings = settings;
        state.State.Status = StrategyStatus.Created;
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public async Task Start()
    {
        switch (state.State.Status)
        {
            case StrategyStatus.None:
                throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
            case StrategyStatus.Running:
                throw new InvalidOperationException($"Strategy '{Id}' is already running.");
            case StrategyStatus.Paused:
                break;
            default:
                await BarStream().SubscribeAsync(this);
                break;
        }

        state.State.Status = StrategyStatus.Running;
        await state.WriteStateAsync();
        LogInformationStarted(logger, Id.ToString());
    }

    /// <inheritdoc/>
    public async Task Pause()
    {
        if (state.State.Status != StrategyStatus.Running)
        {
            throw new InvalidOperationException($"Strategy '{Id}' is not running (status {state.State.Status}).");
        }

        state.State.Status = StrategyStatus.Paused;
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public async Task Stop()
    {
        if (state.State.Status == StrategyStatus.None)
        {
            throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        }

        foreach (var handle in await BarStream().GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        state.State.Status = StrategyStatus.Stopped;
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task OnNextAsync(Bar item) => OnNextBatchAsync([item]);

    /// <inheritdoc/>
    public Task OnNextBatchAsync(IReadOnlyList<Bar> items)
    {
        if (_engine is null || state.State.Status != StrategyStatus.Running)
        {
            return Task.CompletedTask;
        }

        for (int i = 0; i < items.Count; i++)
        {
            _engine.OnBar(items[i]);
        }

        PublishBatchResults();
        CompleteWaiters();
        return Task.CompletedTask;
    }

    private void PublishBatchResults()
    {
        var id = Id.ToString();
        foreach (var position in _engine!.Account.GetPositions())
        {
            _ = GrainFactory.GetGrain<IPositionGrain>(position.Id.ToString()).Update(position);
        }

        foreach (var level in MetricsBook.Levels)
        {
            var closed = _engine.Metrics.DrainClosed(level);
            var open = _engine.Metrics.OpenSnapshot(level);
            if (closed.Count > 0 || open is not null)
            {
                var bucket = GrainFactory.GetGrain<IMetricsBucketGrain>($"{id}/{level.ToCanonicalString()}");
                _ = ObserveAsync(bucket.Apply([.. closed], open));
            }
        }
    }

    private async Task ObserveAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex)
        {
            LogErrorBucketUpdateFailed(logger, Id.ToString(), ex);
        }
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
        var processed = _engine?.BarsProcessed ?? 0;
        if (processed >= bars)
        {
            return Task.FromResult(processed);
        }

        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((bars, waiter));
        return waiter.Task;
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
            e?.Metrics.AllTime?.ToSnapshot());
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

    private IAsyncStream<Bar> BarStream()
    {
        var instrument = state.State.Settings?.Instruments[0] ?? throw new InvalidOperationException($"Strategy '{Id}' has not been created.");
        return this.GetStreamProvider(StreamNamespaces.Provider).GetStream<Bar>(StreamId.Create(StreamNamespaces.Bars, instrument.Symbol));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId} started")]
    private static partial void LogInformationStarted(ILogger logger, string strategyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Metrics bucket update of strategy {StrategyId} failed")]
    private static partial void LogErrorBucketUpdateFailed(ILogger logger, string strategyId, Exception exception);
}
