using System.Diagnostics.Metrics;
using TradingRobotPlug.Runtime.Diagnostics;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Totals of the runtime's own counters (meter <see cref="RuntimeInstruments.MeterName"/>) across every silo of the
/// process: grain requests run to completion and stream items delivered to subscribers. Read them before and after
/// an interval and subtract.
/// </summary>
public sealed class RuntimeCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _messages;
    private long _deliveries;

    /// <summary>Starts listening.</summary>
    public RuntimeCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeInstruments.MeterName && instrument.Name is "trp.messaging.processed" or "trp.streams.delivered")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "trp.messaging.processed")
            {
                Interlocked.Add(ref _messages, value);
            }
            else
            {
                Interlocked.Add(ref _deliveries, value);
            }
        });
        _listener.Start();
    }

    /// <summary>Grain requests run to completion so far (calls, one-way calls, stream delivery turns, timer ticks).</summary>
    public long Messages => Volatile.Read(ref _messages);

    /// <summary>Stream items delivered to subscribers so far.</summary>
    public long Deliveries => Volatile.Read(ref _deliveries);

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
