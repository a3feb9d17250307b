using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans.Streams;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Hands one instrument's bar stream to the notifier (called on the stream's delivery loop).</summary>
internal sealed class BarStreamObserver(DashboardNotifier notifier, InstrumentFeed feed) : IAsyncObserver<ImmutableArray<Bar>>
{
    /// <inheritdoc/>
    /// <inheritdoc/>
    public Task OnNextAsync(ImmutableArray<Bar> items, StreamSequenceToken? token = null)
    {
        notifier.OnBars(feed, items);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task OnErrorAsync(Exception ex) => notifier.OnStreamError(feed.Id.Symbol, ex);
}
