using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.Management;

namespace TradingRobotPlug.Runtime.Diagnostics;

/// <summary>
/// The silo's management view: live activations by grain type (read from the activation directory) and completed
/// requests (counted by listening to this silo's <see cref="RuntimeInstruments.MessagesProcessed"/> counter, so the
/// message path is not touched). Thread-safe. Grains reach it through <c>IManagementGrain</c>.
/// </summary>
public sealed class SiloStatisticsService : IDisposable
{
    private readonly ActivationDirectory _directory;
    private readonly SiloLifecycleService _lifecycle;
    private readonly TimeProvider _time;
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private long _messages;
    private long _lastTimestamp;
    private long _lastMessages;

    internal SiloStatisticsService(RuntimeInstruments instruments, ActivationDirectory directory, SiloLifecycleService lifecycle, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _directory = directory;
        _lifecycle = lifecycle;
        _time = time;
        StartedUtc = time.GetUtcNow();
        _lastTimestamp = time.GetTimestamp();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, instruments.MessagesProcessed))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _messages, value));
        _listener.Start();
    }

    /// <summary>When the silo started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>The statistics now; the message rate covers the time since the previous call.</summary>
    public SiloStatistics GetSnapshot()
    {
        var activations = _directory.All
            .Where(a => a.IsValid)
            .GroupBy(a => a.Class.GrainType, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        long messages = Interlocked.Read(ref _messages);
        double rate;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            rate = seconds > 0 ? Math.Max(0, messages - _lastMessages) / seconds : 0;
            _lastTimestamp = now;
            _lastMessages = messages;
        }

        return new SiloStatistics($"{Environment.MachineName}/{Environment.ProcessId}", _lifecycle.IsStarted ? "Active" : "Starting", StartedUtc, activations, messages, rate);
    }

    /// <inheritdoc/>
    public void Dispose() => _listener.Dispose();
}
