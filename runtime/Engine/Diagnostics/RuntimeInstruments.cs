using System.Diagnostics.Metrics;

namespace TradingRobotPlug.Runtime.Diagnostics;

/// <summary>
/// The runtime's <see cref="System.Diagnostics.Metrics"/> instruments (meter <c>TradingRobotPlug.Runtime</c>):
/// activations by grain type, messages processed, queue length, call latency and stream deliveries.
/// </summary>
public sealed class RuntimeInstruments : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "TradingRobotPlug.Runtime";

    private readonly Meter _meter;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public RuntimeInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        Activations = _meter.CreateUpDownCounter<long>("trp.grain.activations", "{activation}", "Live activations, tagged by grain type.");
        ActivationsCreated = _meter.CreateCounter<long>("trp.grain.activations.created", "{activation}", "Activations created, tagged by grain type.");
        MessagesProcessed = _meter.CreateCounter<long>("trp.messaging.processed", "{message}", "Grain requests run to completion.");
        CallLatency = _meter.CreateHistogram<double>("trp.messaging.call.duration", "ms", "Grain call latency from send to response.");
        StreamDeliveries = _meter.CreateCounter<long>("trp.streams.delivered", "{item}", "Stream items delivered to subscribers.");
        StreamDeliveryFailures = _meter.CreateCounter<long>("trp.streams.delivery.failures", "{batch}", "Stream batches whose delivery failed.");
    }

    /// <summary>Live activations (tag <c>grain.type</c>).</summary>
    public UpDownCounter<long> Activations { get; }

    /// <summary>Activations created (tag <c>grain.type</c>).</summary>
    public Counter<long> ActivationsCreated { get; }

    /// <summary>Requests completed.</summary>
    public Counter<long> MessagesProcessed { get; }

    /// <summary>Call latency in milliseconds (recorded only while a listener is enabled).</summary>
    public Histogram<double> CallLatency { get; }

    /// <summary>Stream items delivered.</summary>
    public Counter<long> StreamDeliveries { get; }

    /// <summary>Stream batches that failed to deliver.</summary>
    public Counter<long> StreamDeliveryFailures { get; }

    /// <summary>Registers an observable gauge for the total queued messages (read on collection).</summary>
    internal void ObserveQueueLength(Func<long> read) => _meter.CreateObservableGauge("trp.messaging.queue.length", read, "{message}", "Messages waiting in activation queues.");

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
