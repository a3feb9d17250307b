using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans.Streams;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// What the notifier holds for one instrument group: its bar stream subscription and the bars published since the last
/// push. Not thread-safe: the notifier guards it with its lock (the subscription task is set once).
/// </summary>
internal sealed class InstrumentFeed(InstrumentId id)
{
    /// <summary>The instrument.</summary>
    public InstrumentId Id { get; } = id;

    /// <summary>The instrument group.</summary>
    public DashboardGroup Group { get; } = DashboardGroup.ForInstrument(id);

    /// <summary>The client-side subscription to the instrument's bar stream, once started.</summary>
    public Task<StreamSubscriptionHandle<ImmutableArray<Bar>>>? Subscription { get; set; }

    /// <summary>Bars not yet pushed.</summary>
    public List<Bar> PendingBars { get; set; } = [];
}
