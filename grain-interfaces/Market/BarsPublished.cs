using System.Collections.Immutable;
using Orleans;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// One published batch of bars of one timeframe, as it travels on an instrument's bar stream (namespace
/// <see cref="StreamNamespaces.Bars"/>, key: symbol). <paramref name="FirstSequence"/> is the index of the first bar in
/// the instrument's durable history of that timeframe (0 for its first bar ever), so a consumer that expected index
/// <c>n</c> and receives a larger one knows that events were lost (a silo holding a stream queue died) and backfills
/// the missing bars from the history; a smaller one is a republished batch whose bars it already has.
/// </summary>
/// <param name="FirstSequence">History index of <paramref name="Bars"/>[0]; ≥ 0.</param>
/// <param name="Bars">Bars of one timeframe in time order; not empty.</param>
[GenerateSerializer, Immutable, Alias("trp.BarsPublished")]
public sealed record BarsPublished([property: Id(0)] long FirstSequence, [property: Id(1)] ImmutableArray<Bar> Bars)
{
    /// <summary>The history index just after the batch: what the next batch's <see cref="FirstSequence"/> will be.</summary>
    public long NextSequence => FirstSequence + Bars.Length;
}
