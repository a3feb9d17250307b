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

    /// <summary>Publishes ticks in time order and folds them into bars of <paramref name="timeframe"/>; validated as a whole first.</summary>
    /// <exception cref="ArgumentException">A tick is invalid (wrong instrument, time before the last tick); the message names its index.</exception>
    Task PublishTicks(ImmutableArray<Tick> ticks, Timeframe timeframe);

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
