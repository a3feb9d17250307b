namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>One silo.</summary>
/// <param name="Name">Silo name (<c>{machine}/{process id}</c>).</param>
/// <param name="Status"><c>Active</c> or <c>Starting</c>.</param>
/// <param name="StartedUtc">When the silo started.</param>
/// <param name="Activations">Live activations by grain type.</param>
public sealed record SiloStatus(string Name, string Status, DateTimeOffset StartedUtc, IReadOnlyDictionary<string, int> Activations);
