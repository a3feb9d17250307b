namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>A hub method call answered with an error (or the connection closed before the answer).</summary>
public sealed class HubInvocationException(string message) : Exception(message);
