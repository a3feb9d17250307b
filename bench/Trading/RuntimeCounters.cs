using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Orleans.Runtime;
using Orleans.Streams;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Counters of a benchmark run on Orleans, read before and after an interval and subtracted:
/// <list type="bullet">
/// <item><see cref="Messages"/>: Orleans' own <c>orleans-messaging-processing-dispatcher-received</c> (meter
/// <c>Microsoft.Orleans</c>), requests and one-way messages only (not responses);</item>
/// <item><see cref="DeliveryTurns"/>: Orleans' <c>orleans-streams-persistent-stream-messages-sent</c>, one per delivery
/// call of a pulling agent to one subscriber (a call carries up to <c>BatchContainerBatchSize</c> = 100 events);</item>
/// <item><see cref="Deliveries"/>: bars and ticks delivered to subscribers. Orleans has no counter of stream items (its
/// events are whole batches), so the benchmark silo counts them in an incoming grain call filter
/// (<see cref="StreamItemCountingFilter"/>) on the stream delivery calls: each <see cref="BarsPublished"/> or
/// <c>ImmutableArray&lt;Tick&gt;</c> event counts its bars or ticks; any other event counts in <see cref="OtherEvents"/>.</item>
/// </list>
/// The old runtime's <c>trp.messaging.processed</c> and <c>trp.streams.delivered</c> are gone with it.
/// </summary>
public sealed class RuntimeCounters : IDeliveryCounts, IDisposable
{
    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private const string DispatcherReceived = "orleans-messaging-processing-dispatcher-received";
    private const string StreamMessagesSent = "orleans-streams-persistent-stream-messages-sent";

    private readonly MeterListener _listener = new();
    private readonly Lock _observe = new();
    private long _observedMessages;
    private long _deliveryTurns;
    private long _deliveries;
    private long _barDeliveries;
    private long _otherEvents;
    private long _redeliveries;
    private readonly ConcurrentDictionary<(GrainId Subscriber, StreamId Stream, StreamSequenceToken Token), byte> _delivered = new();

    /// <summary>Starts listening.</summary>
    public RuntimeCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansMeter && instrument.Name is DispatcherReceived or StreamMessagesSent)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Observable counter: cumulative per tag set, reported on RecordObservableInstruments.
            foreach (var tag in tags)
            {
                if (tag.Key == "Direction" && tag.Value is string direction && direction != "Response")
                {
                    _observedMessages += value;
                }
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Interlocked.Add(ref _deliveryTurns, value));
        _listener.Start();
    }

    /// <summary>Grain requests and one-way messages received by the silo's dispatcher so far (calls, stream delivery calls, pub-sub, queue grain calls).</summary>
    public long Messages
    {
        get
        {
            lock (_observe)
            {
                _observedMessages = 0;
                _listener.RecordObservableInstruments();
                return _observedMessages;
            }
        }
    }

    /// <summary>Delivery calls of the pulling agents to subscribers so far.</summary>
    public long DeliveryTurns => Interlocked.Read(ref _deliveryTurns);

    /// <summary>Bars and ticks delivered to subscribers so far (stream events that are neither count 1 each).</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Bars delivered to subscribers so far (included in <see cref="Deliveries"/>).</summary>
    public long BarDeliveries => Interlocked.Read(ref _barDeliveries);

    /// <summary>Stream events other than bar and tick batches delivered so far (e.g. strategy updates).</summary>
    public long OtherEvents => Interlocked.Read(ref _otherEvents);

    /// <summary>Bars and ticks delivered again to a subscriber that had processed their event (not in <see cref="Deliveries"/>).</summary>
    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    /// <summary>
    /// Counts the events of one stream batch delivered to <paramref name="subscriber"/>, once: a batch that subscriber
    /// already processed (same stream and sequence token; Orleans retries a delivery call whose response timed out,
    /// though the subscriber ran it) counts in <see cref="Redeliveries"/> only.
    /// </summary>
    internal void CountDelivered(GrainId subscriber, IBatchContainer batch)
    {
        if (batch.SequenceToken is { } token && !_delivered.TryAdd((subscriber, batch.StreamId, token), 0))
        {
            foreach (var (item, _) in batch.GetEvents<object>())
            {
                Interlocked.Add(ref _redeliveries, item switch
                {
                    ImmutableArray<Tick> ticks => ticks.Length,
                    BarsPublished published => published.Bars.Length,
                    _ => 0,
                });
            }

            return;
        }

        foreach (var (item, _) in batch.GetEvents<object>())
        {
            CountDelivered(item);
        }
    }

    /// <summary>Counts one delivered stream event.</summary>
    internal void CountDelivered(object? item)
    {
        switch (item)
        {
            case ImmutableArray<Tick> ticks:
                Interlocked.Add(ref _deliveries, ticks.Length);
                break;
            case BarsPublished published:
                Interlocked.Add(ref _deliveries, published.Bars.Length);
                Interlocked.Add(ref _barDeliveries, published.Bars.Length);
                break;
            default:
                Interlocked.Increment(ref _otherEvents);
                break;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Counts the bars and ticks a stream delivery call carried, once the subscriber has processed them (the call
/// completed): Orleans' pulling agents deliver to each subscriber through a grain extension call whose argument is the
/// <see cref="IBatchContainer"/>. Every other call passes straight through.
/// </summary>
internal sealed class StreamItemCountingFilter(RuntimeCounters counters) : IIncomingGrainCallFilter
{
    /// <inheritdoc/>
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (!context.MethodName.StartsWith("Deliver", StringComparison.Ordinal))
        {
            return context.Invoke();
        }

        return InvokeAndCountAsync(context);
    }

    private async Task InvokeAndCountAsync(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        var request = context.Request;
        // DeliverBatch carries an IBatchContainer; DeliverImmutable / DeliverMutable carry the event itself.
        for (int i = 0; i < request.GetArgumentCount(); i++)
        {
            var argument = request.GetArgument(i);
            if (argument is IBatchContainer batch)
            {
                counters.CountDelivered(context.TargetId, batch);
            }
            else if (argument is ImmutableArray<Tick> or BarsPublished)
            {
                counters.CountDelivered(argument);
            }
        }
    }
}
