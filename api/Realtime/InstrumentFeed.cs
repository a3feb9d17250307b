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
    public Task<StreamSubscriptionHandle<BarsPublished>>? Subscription { get; set; }

    /// <summary>Bars not yet pushed.</summary>
    public List<Bar> PendingBars { get; set; } = [];

    /// <summary>
    /// Bars opening at or before this time were already handled: in the instrument's history when the subscription was
    /// made (every member gets them in its join state, though an Orleans stream may still deliver an event published
    /// just before the subscription), or received since (a retried publish sends a batch again). They are not pushed.
    /// Null until the subscription is in place; bars delivered before then wait in <see cref="Early"/>.
    /// </summary>
    public DateTimeOffset? HistoryThrough { get; set; }

    /// <summary>Whether <see cref="HistoryThrough"/> is known (the subscription is in place and the history was read).</summary>
    public bool Armed { get; set; }

    /// <summary>Bars delivered before <see cref="Armed"/>.</summary>
    public List<Bar> Early { get; } = [];
}
