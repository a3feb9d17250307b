using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// A batch of stream items for a subscriber grain: runs as one turn of the subscriber and hands the items, in order,
/// to the observer the grain attached for this subscription. Items stop as soon as the subscription is removed, even
/// in the middle of a batch (an observer may unsubscribe itself).
/// </summary>
internal sealed class StreamDeliveryRequest<T>(Subscription<T> subscription, IReadOnlyList<T> items) : Request<object?>
{
    public override string InterfaceName => "stream";

    public override string MethodName => $"deliver({subscription.StreamId})";

    public override InvokeMethodOptions Options => InvokeMethodOptions.None;

    public override ValueTask<object?> InvokeAsync(object grain)
    {
        if (subscription.IsStopped)
        {
            return default; // unsubscribed after this batch was sent
        }

        var handleId = subscription.HandleId;
        var activation = (ActivationData)RuntimeContext.Current!;
        if (!activation.StreamObservers.TryGetValue(handleId, out var observer))
        {
            throw new InvalidOperationException(
                $"Grain {activation.GrainId} has no observer for its subscription {handleId} to stream {subscription.StreamId}: after (re)activation it must call ResumeAsync on the handle (explicit subscription) or SubscribeAsync on the stream (implicit subscription), usually in OnActivateAsync.");
        }

        var typed = observer as IAsyncObserver<T>
            ?? throw new InvalidOperationException($"Observer for subscription {handleId} of {activation.GrainId} does not observe {typeof(T).Name}.");
        return DeliverAsync(typed, items, subscription);
    }

    public override object? CopyResult(object? result, IDeepCopier copier) => result;

    internal static ValueTask<object?> DeliverAsync(IAsyncObserver<T> observer, IReadOnlyList<T> items, Subscription<T> subscription)
    {
        if (observer is IAsyncBatchObserver<T> batchObserver)
        {
            return RequestResult.FromTask(batchObserver.OnNextBatchAsync(items));
        }

        for (int i = 0; i < items.Count && !subscription.IsStopped; i++)
        {
            var pending = observer.OnNextAsync(items[i]);
            if (!pending.IsCompletedSuccessfully)
            {
                return DeliverRestAsync(observer, items, i, pending, subscription);
            }
        }

        return default;
    }

    private static async ValueTask<object?> DeliverRestAsync(IAsyncObserver<T> observer, IReadOnlyList<T> items, int index, Task pending, Subscription<T> subscription)
    {
        await pending;
        for (int i = index + 1; i < items.Count && !subscription.IsStopped; i++)
        {
            await observer.OnNextAsync(items[i]);
        }

        return null;
    }
}
