using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Experiments;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IExperimentGrain"/>. Subscribes (grain-side, resumed on reactivation) to the strategy update stream,
/// the one the portfolio folds, and feeds the two arms' new equity points to an <see cref="ExperimentTracker"/> (O(1)
/// amortised per mark). Before taking deliveries it folds each arm's equity curve so far (after subscribing, so nothing
/// falls between the two; points not after an arm's last one are repeats and ignored), which also rebuilds the state
/// after a reactivation: only the definition and status are persisted. A stopped experiment refolds the curves up to
/// the marks it had taken when stopped.
/// <para>
/// Not reentrant: a delivery never interleaves with <see cref="Create"/>'s or the activation's catch-up;
/// <see cref="WaitForMarks"/> interleaves (it only registers a waiter). Each change of the result is published on
/// <see cref="ExperimentStreams.Updates"/>.
/// </para>
/// </summary>
[GrainType("experiment")]
public sealed partial class ExperimentGrain : Grain, IExperimentGrain, IAsyncObserver<StrategyUpdated>
{
    private readonly IPersistentState<ExperimentState> _state;
    private readonly ILogger<ExperimentGrain> _logger;
    private readonly List<(DateTimeOffset Through, TaskCompletionSource<ExperimentSnapshot> Waiter)> _waiters = [];
    private IAsyncStream<StrategyUpdated>? _strategyUpdates;
    private IAsyncStream<ExperimentSnapshot>? _experimentUpdates;
    private ExperimentTracker? _tracker;

    /// <summary>Creates the grain.</summary>
    public ExperimentGrain(
        [PersistentState("experiment")] IPersistentState<ExperimentState> state,
        ILogger<ExperimentGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(logger);
        _state = state;
        _logger = logger;
    }

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var provider = this.GetStreamProvider(StreamNamespaces.Provider);
        _strategyUpdates = provider.GetStream<StrategyUpdated>(StreamId.Create(StreamNamespaces.StrategyUpdates, StreamNamespaces.AllStrategiesKey));
        _experimentUpdates = provider.GetStream<ExperimentSnapshot>(StreamId.Create(ExperimentStreams.Updates, ExperimentStreams.AllKey));
        var handles = await _strategyUpdates.GetAllSubscriptionHandles();
        var s = _state.State;
        if (s.Settings is null)
        {
            return;
        }

        if (s.Status == ExperimentStatus.Running)
        {
            foreach (var handle in handles)
            {
                await handle.ResumeAsync(this);
            }

            if (handles.Count == 0)
            {
                await _strategyUpdates.SubscribeAsync(this);
            }
        }
        else
        {
            foreach (var handle in handles)
            {
                await handle.UnsubscribeAsync();
            }
        }

        _tracker = await FoldCurvesAsync(s);
        LogInformationRefolded(_logger, Id, _tracker!.Statistics.Count);
    }

    /// <inheritdoc/>
    public async Task<ExperimentSnapshot> Create(ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_state.State.Settings is { } existing)
        {
            if (!Owners.Same(existing.Owner, settings.Owner))
            {
                // Another owner's experiment: say only that the id is taken, nothing about the experiment.
                throw new InvalidOperationException($"Experiment id '{Id}' is taken; choose another id.");
            }

            return existing == settings
                ? Snapshot()
                : throw new InvalidOperationException($"Experiment '{Id}' exists with different settings (name '{existing.Name}', control {existing.Control}, treatment {existing.Treatment}).");
        }

        if (StrategyLabels.NameError(settings.Name) is { } nameError)
        {
            throw new ArgumentException($"Experiment name {nameError}", "name");
        }

        if (settings.Control.IsDefault)
        {
            throw new ArgumentException("The control strategy is required.", "control");
        }

        if (settings.Treatment.IsDefault || settings.Treatment == settings.Control)
        {
            throw new ArgumentException(settings.Treatment.IsDefault ? "The treatment strategy is required." : $"The treatment must be another strategy than the control ({settings.Control}).", "treatment");
        }

        var control = await GrainFactory.GetGrain<IStrategyGrain>(settings.Control.Value).GetSnapshot();
        var treatment = await GrainFactory.GetGrain<IStrategyGrain>(settings.Treatment.Value).GetSnapshot();
        // Another owner's strategy is answered as a missing one: an experiment only compares its owner's strategies.
        if (control.Settings is not { } cs || control.Status == StrategyStatus.None || !Owners.Same(cs.Owner, settings.Owner))
        {
            throw new ArgumentException($"No strategy with id '{settings.Control}'.", "control");
        }

        if (treatment.Settings is not { } ts || treatment.Status == StrategyStatus.None || !Owners.Same(ts.Owner, settings.Owner))
        {
            throw new ArgumentException($"No strategy with id '{settings.Treatment}'.", "treatment");
        }

        if (!cs.Instruments.Order().SequenceEqual(ts.Instruments.Order()) || cs.Timeframe != ts.Timeframe)
        {
            throw new ArgumentException(
                $"The treatment {settings.Treatment} trades {string.Join(",", ts.Instruments)} {ts.Timeframe.ToText()}, the control {settings.Control} trades {string.Join(",", cs.Instruments)} {cs.Timeframe.ToText()}: both arms must trade the same instruments and bars.",
                "treatment");
        }

        // Subscribe before reading the curves: a point published in between is then both in a curve and delivered,
        // and the repeat is ignored, never lost. Deliveries wait for this call to finish (the grain is not reentrant).
        var state = new ExperimentState
        {
            Settings = settings,
            Status = ExperimentStatus.Running,
            ControlCapital = cs.InitialCapital,
            TreatmentCapital = ts.InitialCapital,
        };
        var subscription = await _strategyUpdates!.SubscribeAsync(this);
        try
        {
            _tracker = await FoldCurvesAsync(state);
            _state.State = state;
            await _state.WriteStateAsync();
        }
        catch
        {
            // Not created after all: leave no subscription and no in-memory definition behind, then report the failure.
            _state.State = new ExperimentState();
            _tracker = null;
            await subscription.UnsubscribeAsync();
            throw;
        }

        await GrainFactory.GetGrain<IExperimentDirectoryGrain>(IExperimentDirectoryGrain.Key).Register(Id);
        LogInformationCreated(_logger, Id, settings.Control.Value, settings.Treatment.Value);
        var snapshot = Snapshot();
        await StreamBackpressure.PublishAsync(_experimentUpdates!, snapshot);
        return snapshot;
    }

    /// <inheritdoc/>
    public async Task<ExperimentSnapshot> Stop()
    {
        var s = _state.State;
        if (s.Settings is null)
        {
            throw new InvalidOperationException($"Experiment '{Id}' does not exist.");
        }

        if (s.Status != ExperimentStatus.Running)
        {
            throw new InvalidOperationException($"Experiment '{Id}' is {s.Status}, not running.");
        }

        _tracker!.CloseOpenDays();
        s.Status = ExperimentStatus.Stopped;
        s.ControlStoppedThrough = _tracker.ControlLastMark ?? DateTimeOffset.MinValue;
        s.TreatmentStoppedThrough = _tracker.TreatmentLastMark ?? DateTimeOffset.MinValue;
        await _state.WriteStateAsync();
        foreach (var handle in await _strategyUpdates!.GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }

        var snapshot = Snapshot();
        CompleteWaiters(snapshot);
        await StreamBackpressure.PublishAsync(_experimentUpdates!, snapshot);
        return snapshot;
    }

    /// <inheritdoc/>
    public Task<ExperimentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    /// <inheritdoc/>
    public Task<ExperimentSnapshot> WaitForMarks(DateTimeOffset throughUtc)
    {
        if (_state.State.Status != ExperimentStatus.Running || Reached(throughUtc))
        {
            return Task.FromResult(Snapshot());
        }

        var waiter = new TaskCompletionSource<ExperimentSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((throughUtc, waiter));
        return waiter.Task;
    }

    /// <summary>One strategy's update from the strategy update stream; only the two arms' equity points are taken.</summary>
    public async Task OnNextAsync(StrategyUpdated item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var settings = _state.State.Settings;
        if (settings is null || _state.State.Status != ExperimentStatus.Running || item.NewEquity.IsDefaultOrEmpty
            || (item.Id != settings.Control && item.Id != settings.Treatment))
        {
            return;
        }

        int paired = _tracker!.Add(item.Id == settings.Treatment, item.NewEquity);
        var snapshot = Snapshot();
        CompleteWaiters(snapshot);
        if (paired > 0)
        {
            await StreamBackpressure.PublishAsync(_experimentUpdates!, snapshot);
        }
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>A stream error is logged; the subscription stays.</summary>
    public Task OnErrorAsync(Exception ex)
    {
        LogErrorStream(_logger, Id, ex);
        return Task.CompletedTask;
    }

    /// <summary>A tracker built afresh from both arms' equity curves (up to the stop marks when <paramref name="s"/> is stopped).</summary>
    private async Task<ExperimentTracker> FoldCurvesAsync(ExperimentState s)
    {
        var settings = s.Settings!;
        var tracker = new ExperimentTracker(settings.Control, s.ControlCapital, settings.Treatment, s.TreatmentCapital);
        var control = await GrainFactory.GetGrain<IStrategyGrain>(settings.Control.Value).GetEquityCurve();
        var treatment = await GrainFactory.GetGrain<IStrategyGrain>(settings.Treatment.Value).GetEquityCurve();
        tracker.Add(false, s.ControlStoppedThrough is { } ct ? control.Where(p => p.Time <= ct) : control);
        tracker.Add(true, s.TreatmentStoppedThrough is { } tt ? treatment.Where(p => p.Time <= tt) : treatment);
        if (s.Status == ExperimentStatus.Stopped)
        {
            tracker.CloseOpenDays();
        }

        return tracker;
    }

    private bool Reached(DateTimeOffset through)
        => _tracker is { ControlLastMark: { } c, TreatmentLastMark: { } t } && c >= through && t >= through;

    private void CompleteWaiters(ExperimentSnapshot snapshot)
    {
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (snapshot.Status != ExperimentStatus.Running || Reached(_waiters[i].Through))
            {
                _waiters[i].Waiter.TrySetResult(snapshot);
                _waiters.RemoveAt(i);
            }
        }
    }

    private ExperimentSnapshot Snapshot()
        => new(Id, _state.State.Settings, _state.State.Settings is null ? ExperimentStatus.None : _state.State.Status, _tracker?.Result());

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} created: control {Control}, treatment {Treatment}")]
    private static partial void LogInformationCreated(ILogger logger, string experimentId, string control, string treatment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} refolded {Days} paired days from its arms' equity curves")]
    private static partial void LogInformationRefolded(ILogger logger, string experimentId, long days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream error delivered to experiment {ExperimentId}")]
    private static partial void LogErrorStream(ILogger logger, string experimentId, Exception exception);
}
