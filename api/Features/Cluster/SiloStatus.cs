namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>One silo of the membership table.</summary>
/// <param name="Name">Silo name.</param>
/// <param name="Status">Orleans' membership status: <c>Created</c>, <c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Stopping</c> or <c>Dead</c>.</param>
/// <param name="StartedUtc">When the silo started (UTC).</param>
/// <param name="Activations">Live activations by grain type (e.g. <c>strategy</c>); empty for a silo that is not active.</param>
/// <param name="Address">The silo's address as Orleans prints it (<c>S{ip}:{port}:{generation}</c>).</param>
/// <param name="HostName">The host the silo runs on.</param>
public sealed record SiloStatus(string Name, string Status, DateTimeOffset StartedUtc, IReadOnlyDictionary<string, int> Activations, string Address, string HostName);
