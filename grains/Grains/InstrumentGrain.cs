using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IInstrumentGrain"/>. Validates a whole batch before publishing any of it. The bar history is the
/// durable event log: a publish first writes the new bars to their <see cref="IBarSegmentGrain"/> segments (O(segment)
/// per write), then this grain's <see cref="InstrumentState"/> (counts, last times, segment index), and only then puts
/// the data on the stream and returns; so an acknowledged publish survives a kill, and a bar on the stream is always in
/// the history. <see cref="GetBars"/> reads the segments, newest first, and aggregates coarser timeframes.
/// </summary>
[GrainType("instrument")]
public sealed class InstrumentGrain(
    [PersistentState("instrument")] IPersistentState<InstrumentState> state) : Grain, IInstrumentGrain
{
    private InstrumentId _instrument;
    private IAsyncStream<BarsPublished>? _bars;
    private IAsyncStream<ImmutableArray<Tick>>? _ticks;
    private BarAggregator? _aggregator;
    private bool _registered;

    // The in-memory state holds bars whose state write failed (their history segments may be stored): the next
    // publish saves it, even when it brings only bars already held.
    private bool _unsaved;

    /// <summary>The tick sequence through which accepted ticks are on the tick stream (see <see cref="PublishTicks"/>).</summary>
    private long _ticksOnStream;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instrument = InstrumentId.Parse(this.GetPrimaryKeyString());
        var provider = this.GetStreamProvider(StreamNamespaces.Provider);
        _bars = provider.GetStream<BarsPublished>(StreamId.Create(StreamNamespaces.Bars, _instrument.Symbol));
        _ticks = provider.GetStream<ImmutableArray<Tick>>(StreamId.Create(StreamNamespaces.Ticks, _instrument.Symbol));
        _ticksOnStream = state.State.Ticks;
        if (state.State.PendingBar is { } pending)
        {
            _aggregator = new BarAggregator(_instrument, pending.Timeframe);
            _aggregator.Resume(pending);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task PublishBars(ImmutableArray<Bar> bars)
    {
        for (int i = 0; i < bars.Length; i++)
        {
            var bar = bars[i] ?? throw new ArgumentException($"bars[{i}] is null.", nameof(bars));
            if (bar.Instrument != _instrument)
            {
                throw new ArgumentException($"bars[{i}].instrument is {bar.Instrument}, not {_instrument}.", nameof(bars));
            }

            if (!Enum.IsDefined(bar.Timeframe))
            {
                throw new ArgumentException($"bars[{i}].timeframe {(int)bar.Timeframe} is not defined.", nameof(bars));
            }

            if (bar.Timeframe != bars[0].Timeframe)
            {
                throw new ArgumentException($"bars[{i}].timeframe {bar.Timeframe.ToText()} differs from bars[0]'s {bars[0].Timeframe.ToText()}: publish one timeframe per batch.", nameof(bars));
            }

            if (i > 0 && bar.OpenTime <= bars[i - 1].OpenTime)
            {
                throw new ArgumentException($"bars[{i}].openTime {bar.OpenTime:O} is not after the previous bar's {bars[i - 1].OpenTime:O}.", nameof(bars));
            }
        }

        if (bars.IsEmpty)
        {
            return;
        }

        // A retried publish (its first attempt failed after the bars became durable, e.g. the stream queue's silo died)
        // sends bars the history already holds: they must be the history's newest bars, identical; they are not stored
        // again, but go on the stream again with the new ones, and consumers skip what they already processed.
        int held = 0;
        while (held < bars.Length && state.State.LastBarOpen is { } last && bars[held].OpenTime <= last)
        {
            held++;
        }

        if (held > 0)
        {
            await CheckHeldTailAsync(bars, held);
        }

        var timeframe = bars[0].Timeframe;
        long firstSequence = (state.State.Series.Find(s => s.Timeframe == timeframe)?.Count ?? 0) - held;
        if (held == bars.Length && _unsaved)
        {
            // Every bar is held, but the write that recorded them failed (the retried publish of a chunk whose history
            // segments were stored): save the state now, or it would stay behind until the next publish, or for good
            // after the last chunk of a replay.
            await state.WriteStateAsync();
            _unsaved = false;
        }

        if (held < bars.Length)
        {
            var fresh = held == 0 ? bars : bars[held..];
            await RegisterOnceAsync();
            await AppendHistoryAsync(fresh);
            var final = fresh[^1];
            state.State.LastBarOpen = final.OpenTime;
            state.State.LastPrice = final.Close;
            state.State.LastTime = final.CloseTime;
            state.State.Bars += fresh.Length;
            _unsaved = true;
            await state.WriteStateAsync();
            _unsaved = false;
        }

        await StreamBackpressure.PublishAsync(_bars!, new BarsPublished(firstSequence, bars));
    }

    /// <summary>
    /// Checks that <paramref name="bars"/>[..<paramref name="held"/>] are exactly the newest bars of the history of
    /// their timeframe (a republished batch), so that their history indexes are known.
    /// </summary>
    /// <exception cref="ArgumentException">They are not: a different bar for a time already published, or older bars.</exception>
    private async Task CheckHeldTailAsync(ImmutableArray<Bar> bars, int held)
    {
        var stored = await GetBars(bars[0].Timeframe, bars[0].OpenTime, null, held + 1);
        if (stored.Length != held)
        {
            throw new ArgumentException(
                $"bars[0].openTime {bars[0].OpenTime:O} is not after the last published bar's {state.State.LastBarOpen:O}, and bars[0..{held}) are not the newest published bars.", nameof(bars));
        }

        for (int i = 0; i < held; i++)
        {
            if (stored[i] != bars[i])
            {
                throw new ArgumentException(
                    $"bars[{i}] ({bars[i].OpenTime:O}) differs from the bar already published for that time; a published bar never changes.", nameof(bars));
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Ticks accepted (counted in <see cref="InstrumentState.Ticks"/> and written) before their stream publish are on the
    /// stream once this activation's publish returned; <see cref="_ticksOnStream"/> tracks that, so a repeat of a batch
    /// whose stream publish failed after the state write sends the ticks not yet on the stream again. (A new activation
    /// assumes everything accepted before it was published; the bars are durable and strategies backfill lost bar events.)
    /// </remarks>
    public async Task PublishTicks(ImmutableArray<Tick> ticks, Timeframe timeframe, long? sequence = null)
    {
        int held = 0;
        if (sequence is { } first)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(first, nameof(sequence));
            long accepted = state.State.Ticks;
            if (first > accepted)
            {
                throw new ArgumentException(
                    $"sequence {first} is after the {accepted} ticks {_instrument} has accepted: ticks {accepted}..{first - 1} are missing; publish them first.", nameof(sequence));
            }

            held = (int)Math.Min(ticks.Length, accepted - first);
        }

        // Held ticks were accepted with an earlier attempt: only their order within the batch is checked.
        var lastTime = held == 0 ? state.State.LastTime : null;
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

        if (held > 0)
        {
            // A repeat: what the first attempt accepted is acknowledged. Whatever of it this activation accepted but did
            // not get onto the stream (its stream publish failed) goes on now, before the new ticks.
            long start = sequence!.Value;
            int unsent = (int)Math.Clamp(_ticksOnStream - start, 0, held);
            if (unsent < held)
            {
                await StreamBackpressure.PublishAsync(_ticks!, ticks[unsent..held]);
                _ticksOnStream = start + held;
            }

            if (held == ticks.Length)
            {
                return;
            }

            ticks = ticks[held..];
        }

        _aggregator ??= new BarAggregator(_instrument, timeframe);
        var completed = ImmutableArray.CreateBuilder<Bar>();
        foreach (var tick in ticks)
        {
            if (_aggregator.Add(tick) is { } bar)
            {
                completed.Add(bar);
            }
        }

        if (ticks.IsEmpty)
        {
            return;
        }

        await RegisterOnceAsync();

        var finished = completed.ToImmutable();
        long firstSequence = finished.IsEmpty ? 0 : state.State.Series.Find(x => x.Timeframe == finished[0].Timeframe)?.Count ?? 0;
        if (!finished.IsEmpty)
        {
            await AppendHistoryAsync(finished);
            state.State.Bars += finished.Length;
        }

        state.State.LastPrice = ticks[^1].Price;
        state.State.LastTime = ticks[^1].Time;
        state.State.Ticks += ticks.Length;
        state.State.PendingBar = _aggregator.Current;
        await state.WriteStateAsync();
        await StreamBackpressure.PublishAsync(_ticks!, ticks);
        _ticksOnStream = state.State.Ticks;
        if (!finished.IsEmpty)
        {
            await StreamBackpressure.PublishAsync(_bars!, new BarsPublished(firstSequence, finished));
        }
    }

    /// <summary>Adds the instrument to the instrument directory on its first publish by this activation (idempotent).</summary>
    private async Task RegisterOnceAsync()
    {
        if (!_registered)
        {
            await GrainFactory.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key).Register(_instrument);
            _registered = true;
        }
    }

    /// <summary>
    /// Writes <paramref name="bars"/> (validated, in time order) to the history segments of their timeframes. The
    /// in-memory index changes only after every segment write succeeded; the caller then writes <see cref="InstrumentState"/>.
    /// </summary>
    private async Task AppendHistoryAsync(ImmutableArray<Bar> bars)
    {
        foreach (var group in bars.GroupBy(b => b.Timeframe))
        {
            var series = state.State.Series.Find(s => s.Timeframe == group.Key);
            long index = series?.Count ?? 0;
            var starts = new List<DateTimeOffset>();
            var items = group.ToArray();
            int done = 0;
            while (done < items.Length)
            {
                long segment = index / BarSegments.Capacity;
                int offset = (int)(index % BarSegments.Capacity);
                int n = Math.Min(BarSegments.Capacity - offset, items.Length - done);
                ImmutableArray<Bar> slice = [.. items.AsSpan(done, n)];
                await GrainFactory.GetGrain<IBarSegmentGrain>(BarSegments.Key(_instrument, group.Key, segment)).Write(offset, slice);
                if (offset == 0)
                {
                    starts.Add(slice[0].OpenTime);
                }

                index += n;
                done += n;
            }

            if (series is null)
            {
                series = new BarSeriesState { Timeframe = group.Key };
                state.State.Series.Add(series);
            }

            series.SegmentStarts.AddRange(starts);
            series.Count = index;
            series.LastOpen = items[^1].OpenTime;
        }
    }

    /// <inheritdoc/>
    public async Task<ImmutableArray<Bar>> GetBars(Timeframe timeframe, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        if (!Enum.IsDefined(timeframe))
        {
            throw new ArgumentException($"timeframe {(int)timeframe} is not defined.", nameof(timeframe));
        }

        var native = state.State.Series.Find(s => s.Timeframe == timeframe && s.Count > 0);
        if (native is not null)
        {
            var result = new List<Bar>(Math.Min(maxCount, 4_096));
            await ReadBackwardAsync(native, fromUtc, toUtc, bar =>
            {
                result.Add(bar);
                return result.Count < maxCount;
            });
            result.Reverse();
            return [.. result];
        }

        var published = state.State.Series.Where(s => s.Count > 0).ToList();
        if (published.Count == 0)
        {
            return [];
        }

        // The coarsest published timeframe finer than the one asked for (every timeframe divides the coarser ones).
        var source = published.Where(s => s.Timeframe.Duration() < timeframe.Duration()).MaxBy(s => s.Timeframe.Duration());
        if (source is null)
        {
            throw new ArgumentException(
                $"timeframe {timeframe.ToText()} cannot be built from {_instrument}'s published {string.Join(", ", published.Select(s => s.Timeframe.ToText()))} bars; only coarser timeframes can be aggregated.",
                nameof(timeframe));
        }

        return await AggregateAsync(source, timeframe, fromUtc, toUtc, maxCount);
    }

    /// <summary>
    /// Builds <paramref name="timeframe"/> bars from <paramref name="source"/>'s bars (open of the first, highest high,
    /// lowest low, close of the last, summed volume per UTC-aligned period); the newest one may be partial.
    /// </summary>
    private async Task<ImmutableArray<Bar>> AggregateAsync(BarSeriesState source, Timeframe timeframe, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, int maxCount)
    {
        DateTimeOffset? sourceFrom = fromUtc is { } f ? timeframe.BarOpenTime(f) : null;
        DateTimeOffset? sourceTo = null;
        if (toUtc is { } t)
        {
            var floor = timeframe.BarOpenTime(t);
            sourceTo = floor < t ? floor + timeframe.Duration() : floor;
        }

        var result = new List<Bar>();
        var group = new List<Bar>();
        DateTimeOffset groupOpen = default;
        await ReadBackwardAsync(source, sourceFrom, sourceTo, bar =>
        {
            var open = timeframe.BarOpenTime(bar.OpenTime);
            if (group.Count > 0 && open != groupOpen)
            {
                Emit();
                if (result.Count >= maxCount)
                {
                    return false;
                }
            }

            groupOpen = open;
            group.Add(bar);
            return true;
        });
        if (group.Count > 0 && result.Count < maxCount)
        {
            Emit();
        }

        result.Reverse();
        return [.. result];

        void Emit()
        {
            // group holds the period's bars newest first.
            if ((fromUtc is null || groupOpen >= fromUtc) && (toUtc is null || groupOpen < toUtc))
            {
                decimal high = group[0].High, low = group[0].Low, volume = 0m;
                foreach (var b in group)
                {
                    high = Math.Max(high, b.High);
                    low = Math.Min(low, b.Low);
                    volume += b.Volume;
                }

                result.Add(new Bar(_instrument, timeframe, groupOpen, group[^1].Open, high, low, group[0].Close, volume));
            }

            group.Clear();
        }
    }

    /// <summary>
    /// Visits the acknowledged bars of <paramref name="series"/> whose open time is in [<paramref name="fromUtc"/>,
    /// <paramref name="toUtc"/>), newest first, reading one segment at a time, until <paramref name="visit"/> returns false.
    /// </summary>
    private async Task ReadBackwardAsync(BarSeriesState series, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, Func<Bar, bool> visit)
    {
        var starts = series.SegmentStarts;
        int segment = starts.Count - 1;
        if (toUtc is { } t)
        {
            while (segment >= 0 && starts[segment] >= t)
            {
                segment--;
            }
        }

        for (; segment >= 0; segment--)
        {
            int count = (int)Math.Min(BarSegments.Capacity, series.Count - ((long)segment * BarSegments.Capacity));
            var bars = await GrainFactory.GetGrain<IBarSegmentGrain>(BarSegments.Key(_instrument, series.Timeframe, segment)).Read(count);
            if (bars.Length != count)
            {
                throw new InvalidOperationException(
                    $"History segment {BarSegments.Key(_instrument, series.Timeframe, segment)} holds {bars.Length} bars, the instrument acknowledged {count}; the stored history is incomplete.");
            }

            for (int i = bars.Length - 1; i >= 0; i--)
            {
                var bar = bars[i];
                if (toUtc is { } to && bar.OpenTime >= to)
                {
                    continue;
                }

                if (fromUtc is { } from && bar.OpenTime < from)
                {
                    return;
                }

                if (!visit(bar))
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc/>
    public Task<InstrumentSnapshot> GetSnapshot()
        => Task.FromResult(new InstrumentSnapshot(
            _instrument, state.State.LastPrice, state.State.LastTime, state.State.Bars, state.State.Ticks, state.State.Series.Max(s => s.LastOpen)));
}
