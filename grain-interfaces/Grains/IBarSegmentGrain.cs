using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// One fixed-size, persisted segment of an instrument's bar history (key: <see cref="BarSegments.Key"/>,
/// <c>{SYMBOL}/{timeframe}/{segment}</c>). Segment <c>n</c> holds bars <c>n × <see cref="BarSegments.Capacity"/></c>
/// onwards, oldest first, so writing a batch costs O(segment), never O(history). Only the owning
/// <see cref="IInstrumentGrain"/> writes it; it also knows how many of the bars are acknowledged.
/// </summary>
[Alias("trp.IBarSegmentGrain")]
public interface IBarSegmentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the bars from <paramref name="offset"/> on with <paramref name="bars"/> and persists the segment before
    /// returning. Bars past <paramref name="offset"/> left by an unacknowledged earlier write are dropped, so a retried
    /// write is idempotent.
    /// </summary>
    /// <param name="offset">Index in the segment of the first bar, 0 … the number of bars held.</param>
    /// <param name="bars">Bars in time order; <paramref name="offset"/> + count ≤ <see cref="BarSegments.Capacity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past the bars held.</exception>
    /// <exception cref="ArgumentException">The bars would overflow the segment; the message names <c>bars</c>.</exception>
    Task Write(int offset, ImmutableArray<Bar> bars);

    /// <summary>The first <paramref name="count"/> bars of the segment (fewer when it holds fewer), oldest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    [ReadOnly]
    Task<ImmutableArray<Bar>> Read(int count);
}
