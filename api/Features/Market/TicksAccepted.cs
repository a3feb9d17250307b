namespace TradingRobotPlug.Api.Features.Market;

/// <summary>The answer to a tick batch.</summary>
/// <param name="Accepted">Ticks accepted (the whole batch).</param>
public sealed record TicksAccepted(int Accepted);
