using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IInstrumentGrain"/>. Validates a whole batch before publishing any of it.</summary>
public sealed class InstrumentGrain(
    [PersistentState("instrument")] IPersistentState<InstrumentState> state) : Grain, IInstrumentGrain
{
    private InstrumentId _instrument;
    private IAsyncStream<Bar>? _bars;
    private IAsyncStream<Tick>? _ticks;
    private BarAggregator? _aggregator;
    private DateTimeOffset? _lastBarOpen;
    private readonly List<Bar> _history = [];
    private bool _registered;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instrument = InstrumentId.Parse(this.GetPrimaryKeyString());
        var provider = this.GetStreamProvider(StreamNamespaces.Provider);
        _bars = provider.GetStream<Bar>(StreamId.Create(StreamNamespaces.Bars, _instrument.Symbol));
        _ticks = provider.GetStream<Tick>(StreamId.Create(StreamNamespaces.Ticks, _instrument.Symbol));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task PublishBars(ImmutableArray<Bar> bars)
    {
        var last = _lastBarOpen;
        for (int i = 0; i < bars.Length; i++)
        {
            var bar = bars[i] ?? throw new ArgumentException($"bars[{i}] is null.", nameof(bars));
            if (bar.Instrument != _instrument)
            {
                throw new ArgumentException($"bars[{i}].instrument is {bar.Instrument}, not {_instrument}.", nameof(bars));
            }

            if (last is { } l && bar.OpenTime <= l)
            {
                throw new ArgumentException($"bars[{i}].openTime {bar.OpenTime:O} is not after the previous bar's {l:O}.", nameof(bars));
            }

            last = bar.OpenTime;
        }

        if (bars.IsEmpty)
        {
            return;
        }

        if (!_registered) { await GrainFactory.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key).Register(_instrument); _registered = true; }
        _lastBarOpen = last;
        var final = bars[^1];
        state.State.LastPrice = final.Close;
        state.State.LastTime = final.CloseTime;
        state.State.Bars += bars.Length;
        _history.AddRange(bars);
        await _bars!.OnNextBatchAsync(bars);
    }

    /// <inheritdoc/>
    public async Task PublishTicks(ImmutableArray<Tick> ticks, Timeframe timeframe)
    {
        var lastTime = state.State.LastTime;
        for (int i = 0; i < ticks.Length; i++)
        {
            var tick = ticks[i] ?? throw new ArgumentException($"ticks[{i}] is null.", nameof(ticks));
            if (tick.Instrument != _instrument)
            {
                throw new ArgumentException($"ticks[{i}].instrument is {tick.Instrument}, not {_instrument}.", nameof(ticks));
            }

            if (tick.Price <= 0)
            {
                throw new ArgumentException($"ticks[{i}].price must be positive (was {tick.Price}).", nameof(ticks));
            }

            if (lastTime is { } l && tick.Time < l)
            {
                throw new ArgumentException($"ticks[{i}].time {tick.Time:O} is before the previous tick's {l:O}.", nameof(ticks));
            }

            lastTime = tick.Time;
        }

        _aggregator ??= new BarAggregator(_instrument, timeframe);
        var completed = new List<Bar>();
        foreach (var tick in ticks)
        {
            if (_aggregator.Add(tick) is { } bar)
            {
                completed.Add(bar);
            }
        }

        if (!ticks.IsEmpty)
        {
            if (!_registered) { await GrainFactory.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key).Register(_instrument); _registered = true; }
            state.State.LastPrice = ticks[^1].Price;
            state.State.LastTime = ticks[^1].Time;
            state.State.Ticks += ticks.Length;
            await _ticks!.OnNextBatchAsync(ticks);
        }

        if (completed.Count > 0)
        {
            state.State.Bars += completed.Count;
            _history.AddRange(completed);
            await _bars!.OnNextBatchAsync(completed);
        }
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<Bar>> GetBars(Timeframe timeframe, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        // Interim in-memory history of the published bars; only the published timeframe is held.
        var matching = _history
            .Where(b => b.Timeframe == timeframe && (fromUtc is null || b.OpenTime >= fromUtc) && (toUtc is null || b.OpenTime < toUtc))
            .ToList();
        return Task.FromResult<ImmutableArray<Bar>>([.. matching.Skip(Math.Max(0, matching.Count - maxCount))]);
    }

    /// <inheritdoc/>
    public Task<InstrumentSnapshot> GetSnapshot()
        => Task.FromResult(new InstrumentSnapshot(_instrument, state.State.LastPrice, state.State.LastTime, state.State.Bars, state.State.Ticks));

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => state.WriteStateAsync(cancellationToken);
}
