using System.Threading.Channels;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Diagnostics;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// One subscription: a bounded queue (producers wait when it is full) and a delivery loop that sends queued items
/// to the subscriber in batches, one batch at a time, preserving order. Once stopped (unsubscribed), nothing more
/// reaches the observer: queued batches are dropped and a delivery in progress ends before its next item.
/// </summary>
internal sealed class Subscription<T>
{
    // A batch list starts this small and grows to the batch sizes the subscription actually sees.
    private const int InitialBatchCapacity = 16;

    private readonly MemoryStream<T> _stream;
    private readonly Channel<T> _queue;
    private readonly Task _pump;
    private volatile bool _stopped;

    // The subscriber grain's last known activation (touched only by the delivery loop).
    private ActivationData? _route;

    public Subscription(MemoryStream<T> stream, Guid handleId, GrainId? subscriber, GrainClassInfo? subscriberClass, IAsyncObserver<T>? clientObserver, bool isImplicit)
    {
        _stream = stream;
        HandleId = handleId;
        Subscriber = subscriber;
        SubscriberClass = subscriberClass;
        ClientObserver = clientObserver;
        IsImplicit = isImplicit;
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(stream.Options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    public Guid HandleId { get; }

    public GrainId? Subscriber { get; }

    public GrainClassInfo? SubscriberClass { get; }

    public IAsyncObserver<T>? ClientObserver { get; set; }

    public bool IsImplicit { get; }

    public StreamId StreamId => _stream.StreamId;

    /// <summary>True once the subscription was removed; deliveries check it before every item.</summary>
    public bool IsStopped => _stopped;

    public bool TryWrite(T item) => _queue.Writer.TryWrite(item);

    /// <summary>Waits for room in the queue. An item for a subscription that is (or becomes, while the producer
    /// waits) stopped is dropped: a subscriber leaving releases its producers instead of failing them.</summary>
    public async ValueTask WriteAsync(T item)
    {
        try
        {
            await _queue.Writer.WriteAsync(item).ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (_stopped)
        {
        }
    }

    /// <summary>
    /// Stops delivery without waiting for the delivery loop, which may be what is calling (an observer that
    /// unsubscribes itself runs inside the loop's current delivery).
    /// </summary>
    public void Stop()
    {
        _stopped = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>Stops delivery and waits for the delivery loop to end (silo shutdown).</summary>
    public async Task StopAsync()
    {
        Stop();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        int max = _stream.Options.MaxBatchSize;
        var batch = new List<T>(Math.Min(max, InitialBatchCapacity));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < max && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (_stopped)
            {
                batch.Clear();
                continue;
            }

            bool delivered = false;
            try
            {
                await DeliverAsync(batch).ConfigureAwait(false);
                _stream.Runtime.Instruments.StreamDeliveries.Add(batch.Count);
                delivered = true;
            }
            catch (Exception ex)
            {
                _stream.Runtime.Instruments.StreamDeliveryFailures.Add(1);
                RuntimeLog.LogErrorStreamDeliveryFailed(_stream.Logger, batch.Count, _stream.StreamId.ToString(), HandleId, Subscriber?.ToString() ?? "client", ex);
            }

            // Once a delivery has completed nothing refers to the batch any more (observers get it only for the
            // duration of the call), so the list is reused. After a failure it is not: a delivery that timed out
            // may still be running in the subscriber and reading it.
            if (delivered)
            {
                batch.Clear();
            }
            else
            {
                batch = new List<T>(Math.Min(max, InitialBatchCapacity));
            }
        }
    }

    private Task DeliverAsync(List<T> batch)
    {
        if (Subscriber is { } grainId)
        {
            return _stream.Runtime.SendSystemRequest(grainId, SubscriberClass!, new StreamDeliveryRequest<T>(this, batch), ref _route);
        }

        var observer = ClientObserver ?? throw new InvalidOperationException($"Client subscription {HandleId} to {_stream.StreamId} has no observer.");
        return StreamDeliveryRequest<T>.DeliverAsync(observer, batch, this).AsTask();
    }
}
