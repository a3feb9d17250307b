namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>The cluster's silos and load.</summary>
/// <param name="Silos">Every silo (one while the API co-hosts its silo).</param>
/// <param name="MessagesPerSecond">Grain requests completed per second over all silos, since the previous call of this endpoint.</param>
public sealed record ClusterStatus(IReadOnlyList<SiloStatus> Silos, double MessagesPerSecond);
