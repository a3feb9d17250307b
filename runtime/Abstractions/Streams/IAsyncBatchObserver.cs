namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// An observer that takes a whole delivered batch in one call (one grain turn), for high-rate streams.
/// When an observer implements it, the runtime calls <see cref="OnNextBatchAsync"/> instead of
/// <see cref="IAsyncObserver{T}.OnNextAsync"/> per item.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
public interface IAsyncBatchObserver<T> : IAsyncObserver<T>
{
    /// <summary>Handles a batch of items in stream order. The list is only valid during the call.</summary>
    Task OnNextBatchAsync(IReadOnlyList<T> items);
}
