using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// A batch of stream items for a subscriber grain: runs as one turn of the subscriber and hands the items, in order,
/// to the observer the grain attached for this subscription.
/// </summary>
internal sealed class StreamDeliveryRequest<T>(StreamId streamId, Guid handleId, IReadOnlyList<T> items) : Request<object?>
{
    public override string InterfaceName => "stream";

    public override string MethodName => $"deliver({streamId})";

    public override InvokeMethodOptions Options => InvokeMethodOptions.None;

    public override ValueTask<object?> InvokeAsync(object grain)
    {
        var activation = (ActivationData)RuntimeContext.Current!;
        if (!activation.StreamObservers.TryGetValue(handleId, out var observer))
        {
            throw new InvalidOperationException(
                $"Grain {activation.GrainId} has no observer for its subscription {handleId} to stream {streamId}: after (re)activation it must call ResumeAsync on the handle (explicit subscription) or SubscribeAsync on the stream (implicit subscription), usually in OnActivateAsync.");
        }

        var typed = observer as IAsyncObserver<T>
            ?? throw new InvalidOperationException($"Observer for subscription {handleId} of {activation.GrainId} does not observe {typeof(T).Name}.");
        return DeliverAsync(typed, items);
    }

    public override object? CopyResult(object? result, IDeepCopier copier) => result;

    internal static ValueTask<object?> DeliverAsync(IAsyncObserver<T> observer, IReadOnlyList<T> items)
    {
        if (observer is IAsyncBatchObserver<T> batchObserver)
        {
            return RequestResult.FromTask(batchObserver.OnNextBatchAsync(items));
        }

        for (int i = 0; i < items.Count; i++)
        {
            var pending = observer.OnNextAsync(items[i]);
            if (!pending.IsCompletedSuccessfully)
            {
                return DeliverRestAsync(observer, items, i, pending);
            }
        }

        return default;
    }

    private static async ValueTask<object?> DeliverRestAsync(IAsyncObserver<T> observer, IReadOnlyList<T> items, int index, Task pending)
    {
        await pending;
        for (int i = index + 1; i < items.Count; i++)
        {
            await observer.OnNextAsync(items[i]);
        }

        return null;
    }
}
