namespace TradingRobotPlug.Api.Realtime;

/// <summary>A hub client event waiting to be sent: its name (<see cref="DashboardEvents"/>) and payload.</summary>
/// <param name="Event">The client event name.</param>
/// <param name="Payload">The single argument.</param>
public sealed record PendingMessage(string Event, object Payload);
