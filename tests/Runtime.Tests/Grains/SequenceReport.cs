namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>What <see cref="SequenceGrain"/> observed.</summary>
/// <param name="Calls">Calls recorded.</param>
/// <param name="MaxInFlight">Most calls ever inside the method at once (1 when turns never interleave).</param>
/// <param name="OrderViolations">Calls whose sequence number was not the caller's previous one plus one.</param>
public sealed record SequenceReport(int Calls, int MaxInFlight, int OrderViolations);
