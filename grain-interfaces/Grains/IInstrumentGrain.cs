using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// One instrument (key: canonical symbol). Validates market data, keeps the last price, builds bars from ticks, and
/// publishes bars on stream (<see cref="StreamNamespaces.Bars"/>, symbol) and ticks on (<see cref="StreamNamespaces.Ticks"/>, symbol).
/// </summary>
[Alias("trp.IInstrumentGrain")]
public interface IInstrumentGrain : IGrainWithStringKey
{
    /// <summary>Publishes bars in time order. The whole batch is validated first; nothing is published if any bar is
    /// bad (wrong instrument, open time not after the last bar's).</summary>
    /// <exception cref="ArgumentException">A bar is invalid; the message names its index and field.</exception>
    Task PublishBars(ImmutableArray<Bar> bars);

    /// <summary>
    /// Publishes ticks in time order and folds them into bars of <paramref name="timeframe"/>; validated as a whole first.
    /// <para>
    /// With <paramref name="sequence"/> the publish is safe to retry: it is the index of <paramref name="ticks"/>[0] in the
    /// instrument's tick sequence, i.e. the number of ticks the instrument had accepted before this batch
    /// (<see cref="InstrumentSnapshot.Ticks"/>; 0 for a new instrument, then the previous batch's sequence plus its
    /// length). Ticks the instrument already accepted (a repeat of a batch whose first attempt timed out or failed after
    /// it was applied) are acknowledged and not published again; only the rest is. A feed retries a publish that failed
    /// with a <see cref="TimeoutException"/> or <see cref="SiloUnavailableException"/> with the same batch and sequence,
    /// and keeps one publish per instrument outstanding (a later batch waits for the earlier one to be acknowledged).
    /// Without it every call is applied (a repeat publishes its ticks again).
    /// </para>
    /// </summary>
    /// <param name="ticks">The ticks, in time order.</param>
    /// <param name="timeframe">The timeframe of the bars built from the ticks.</param>
    /// <param name="sequence">The index of the first tick in the instrument's tick sequence, or null (not idempotent).</param>
    /// <exception cref="ArgumentException">A tick is invalid (wrong instrument, time before the last tick); the message names
    /// its index. Or <paramref name="sequence"/> is after the ticks accepted so far (ticks missing before this batch).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is negative.</exception>
    Task PublishTicks(ImmutableArray<Tick> ticks, Timeframe timeframe, long? sequence = null);

    /// <summary>
    /// Bars of <paramref name="timeframe"/> whose open time is in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>),
    /// oldest first; at most <paramref name="maxCount"/> (the latest ones when more match).
    /// Bars of the instrument's own timeframe are the published ones; coarser timeframes are aggregated from them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not positive.</exception>
    [ReadOnly]
    Task<ImmutableArray<Bar>> GetBars(Timeframe timeframe, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, int maxCount);

    /// <summary>The last price and counts.</summary>
    [ReadOnly]
    Task<InstrumentSnapshot> GetSnapshot();
}
