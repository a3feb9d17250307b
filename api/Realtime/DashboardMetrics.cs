using System.Diagnostics.Metrics;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// Counters of the dashboard notifier, on the meter <see cref="MeterName"/>: <c>trp.realtime.pushes</c> (hub messages
/// sent to a group by the flush loop, tagged <c>event</c>), <c>trp.realtime.events.coalesced</c> (stream events folded
/// into a push already pending for a group; counted once per group), <c>trp.realtime.events.received</c> (stream
/// events received) and <c>trp.realtime.push.failures</c> (tagged <c>event</c>).
/// </summary>
public sealed class DashboardMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TradingRobotPlug.Api.Realtime";

    private readonly Counter<long> _pushes;
    private readonly Counter<long> _coalesced;
    private readonly Counter<long> _received;
    private readonly Counter<long> _failures;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public DashboardMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _pushes = meter.CreateCounter<long>("trp.realtime.pushes", "{message}", "Hub messages sent to a group by the flush loop.");
        _coalesced = meter.CreateCounter<long>("trp.realtime.events.coalesced", "{event}", "Stream events folded into a push already pending for a group.");
        _received = meter.CreateCounter<long>("trp.realtime.events.received", "{event}", "Strategy, bar and replay events received.");
        _failures = meter.CreateCounter<long>("trp.realtime.push.failures", "{message}", "Hub messages that failed to send.");
    }

    /// <summary>Counts one message sent by the flush loop.</summary>
    public void Pushed(string eventName) => _pushes.Add(1, new KeyValuePair<string, object?>("event", eventName));

    /// <summary>Counts events folded into an already pending push.</summary>
    public void Coalesced(long count = 1) => _coalesced.Add(count);

    /// <summary>Counts events received.</summary>
    public void Received(long count) => _received.Add(count);

    /// <summary>Counts one failed message.</summary>
    public void PushFailed(string eventName) => _failures.Add(1, new KeyValuePair<string, object?>("event", eventName));
}
