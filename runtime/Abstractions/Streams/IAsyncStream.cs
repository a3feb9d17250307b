namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// A stream of items of type <typeparamref name="T"/>. Producers call <see cref="OnNextAsync"/>; each subscriber
/// receives every item once, in production order. When a subscriber falls behind, its bounded queue fills and the
/// producer's <see cref="OnNextAsync"/> waits (backpressure).
/// </summary>
/// <typeparam name="T">Item type; must be serializable (or immutable).</typeparam>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>The provider's name.</summary>
    string ProviderName { get; }

    /// <summary>Publishes one item; completes when every subscriber's queue has accepted it.</summary>
    Task OnNextAsync(T item);

    /// <summary>Publishes items in order.</summary>
    Task OnNextBatchAsync(IEnumerable<T> items);

    /// <summary>Subscribes the calling grain (or client) with <paramref name="observer"/>. A grain with an implicit
    /// subscription to this stream's namespace gets that subscription's handle back.</summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);

    /// <summary>The calling grain's (or client's) subscriptions to this stream.</summary>
    Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}
