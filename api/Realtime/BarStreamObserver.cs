using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Hands one instrument's bar stream to the notifier (called on the stream's delivery loop).</summary>
internal sealed class BarStreamObserver(DashboardNotifier notifier, InstrumentFeed feed) : IAsyncBatchObserver<Bar>
{
    /// <inheritdoc/>
    public Task OnNextAsync(Bar item)
    {
        notifier.OnBars(feed, [item]);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnNextBatchAsync(IReadOnlyList<Bar> items)
    {
        notifier.OnBars(feed, items);
        return Task.CompletedTask;
    }
}
