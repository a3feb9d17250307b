using TradingRobotPlug.GrainInterfaces.Market;
using Orleans.Streams;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Hands one instrument's bar stream to the notifier (called on the stream's delivery loop).</summary>
internal sealed class BarStreamObserver(DashboardNotifier notifier, InstrumentFeed feed) : IAsyncObserver<BarsPublished>
{
    /// <summary>One published batch: its bars go to the notifier (which skips those it already pushed or showed).</summary>
    public Task OnNextAsync(BarsPublished item, StreamSequenceToken? token = null)
    {
        notifier.OnBars(feed, item.Bars);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task OnErrorAsync(Exception ex) => notifier.OnStreamError(feed.Id.Symbol, ex);
}
