using System.Collections.Immutable;
using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Management;

/// <summary>A picture of one silo at one moment, for management views (e.g. the API's <c>/api/v1/cluster</c>).</summary>
/// <param name="Name">Silo name: <c>{machine}/{process id}</c>.</param>
/// <param name="Status"><c>Active</c> once the silo takes calls, <c>Starting</c> before.</param>
/// <param name="StartedUtc">When the silo's statistics service was created (silo start), UTC.</param>
/// <param name="Activations">Live activations by grain type name (e.g. <c>strategy</c>); types without activations are absent.</param>
/// <param name="MessagesProcessed">Grain requests run to completion since start.</param>
/// <param name="MessagesPerSecond">Requests completed per second since the previous snapshot (since start for the first one), ≥ 0.</param>
[Immutable]
public sealed record SiloStatistics(
    string Name,
    string Status,
    DateTimeOffset StartedUtc,
    ImmutableSortedDictionary<string, int> Activations,
    long MessagesProcessed,
    double MessagesPerSecond);
