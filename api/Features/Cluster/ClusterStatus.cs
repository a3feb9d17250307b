namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>The cluster's silos and load.</summary>
/// <param name="Silos">Every silo in the membership table, oldest first.</param>
/// <param name="MessagesPerSecond">Messages received per second over all active silos, since the previous call of this endpoint.</param>
public sealed record ClusterStatus(IReadOnlyList<SiloStatus> Silos, double MessagesPerSecond);
