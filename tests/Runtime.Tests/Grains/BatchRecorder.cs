using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>A batch observer handing each delivered batch (a single item counts as a batch of one) to a delegate.</summary>
public sealed class BatchRecorder(Func<IReadOnlyList<int>, Task> onBatch) : IAsyncBatchObserver<int>
{
    public Task OnNextBatchAsync(IReadOnlyList<int> items) => onBatch(items);

    public Task OnNextAsync(int item) => onBatch([item]);
}
