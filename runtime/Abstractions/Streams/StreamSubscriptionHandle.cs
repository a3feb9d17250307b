namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// A subscription of a grain (or a client) to a stream. It survives deactivation of the subscribing grain: after
/// reactivation the grain calls <see cref="ResumeAsync"/> (usually in <c>OnActivateAsync</c>) to attach a new observer.
/// </summary>
/// <typeparam name="T">Item type.</typeparam>
public abstract class StreamSubscriptionHandle<T>
{
    /// <summary>The stream subscribed to.</summary>
    public abstract StreamId StreamId { get; }

    /// <summary>Unique id of the subscription.</summary>
    public abstract Guid HandleId { get; }

    /// <summary>Attaches <paramref name="observer"/> to this subscription in the current activation.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer);

    /// <summary>Removes the subscription; no further items are delivered.</summary>
    public abstract Task UnsubscribeAsync();
}
