using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// Counts the bytes the process allocates over an interval from the runtime's allocation ticks (an event per
/// ~100 KB allocated on a heap, carrying the exact amount), attributing each event by its own time stamp, since
/// events arrive on a dispatch thread a little later. <see cref="GC.GetTotalAllocatedBytes(bool)"/> cannot be
/// used: under server GC's dynamic heap count (DATAS, on by default) it jumps back and forth by whole heaps'
/// counts (dotnet/runtime#131069); it gave 945 to 3,238 B per activation, and negative values, for the same code.
/// Enabling the events costs a little CPU per event, so scenarios count allocations outside their CPU window.
/// </summary>
public sealed class AllocationListener : EventListener
{
    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static readonly TimeSpan MaxEventDelay = TimeSpan.FromSeconds(2);

    private long _bytes;
    private long _fromTicks = long.MaxValue;
    private long _toTicks = long.MaxValue;
    private long _latestTicks;

    /// <summary>Starts counting allocations from now.</summary>
    public void Start()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Volatile.Write(ref _toTicks, long.MaxValue);
        Volatile.Write(ref _fromTicks, DateTime.UtcNow.Ticks);
    }

    /// <summary>Ends the interval now; completes with the bytes allocated in it once the events up to now have arrived.</summary>
    public async Task<long> StopAsync()
    {
        long to = DateTime.UtcNow.Ticks;
        Volatile.Write(ref _toTicks, to);
        long waitUntil = Stopwatch.GetTimestamp() + (long)(MaxEventDelay.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _latestTicks) < to && Stopwatch.GetTimestamp() < waitUntil)
        {
            // A later event proves every earlier one was dispatched; without further allocation, wait out the delay.
            GC.KeepAlive(new byte[64 * 1024]);
            await Task.Delay(10);
        }

        return Interlocked.Read(ref _bytes);
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == RuntimeEventSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }

        long at = eventData.TimeStamp.ToUniversalTime().Ticks;
        if (at > Volatile.Read(ref _latestTicks))
        {
            Volatile.Write(ref _latestTicks, at);
        }

        int index = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (index >= 0 && at >= Volatile.Read(ref _fromTicks) && at <= Volatile.Read(ref _toTicks))
        {
            Interlocked.Add(ref _bytes, Convert.ToInt64(eventData.Payload[index], CultureInfo.InvariantCulture));
        }
    }
}
