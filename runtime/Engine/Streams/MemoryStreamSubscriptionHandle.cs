using TradingRobotPlug.Runtime.Activation;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Handle of a subscription on an in-memory stream.</summary>
internal sealed class MemoryStreamSubscriptionHandle<T>(MemoryStream<T> stream, Guid handleId) : StreamSubscriptionHandle<T>
{
    public override StreamId StreamId => stream.StreamId;

    public override Guid HandleId => handleId;

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = stream.Find(handleId)
            ?? throw new InvalidOperationException($"Subscription {handleId} to stream {stream.StreamId} no longer exists (it was unsubscribed).");
        if (RuntimeContext.Current is ActivationData activation)
        {
            if (subscription.Subscriber != activation.GrainId)
            {
                throw new InvalidOperationException($"Subscription {handleId} to stream {stream.StreamId} belongs to {subscription.Subscriber?.ToString() ?? "a client"}, not {activation.GrainId}.");
            }

            activation.StreamObservers[handleId] = observer;
        }
        else
        {
            subscription.ClientObserver = observer;
        }

        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }

    public override Task UnsubscribeAsync() => stream.RemoveAsync(handleId);

    public override bool Equals(object? obj) => obj is MemoryStreamSubscriptionHandle<T> other && other.HandleId == handleId;

    public override int GetHashCode() => handleId.GetHashCode();
}
