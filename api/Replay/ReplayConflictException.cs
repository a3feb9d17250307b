namespace TradingRobotPlug.Api.Replay;

/// <summary>The replay is not in a state that allows the request (start while running, stop while not running).</summary>
public sealed class ReplayConflictException(string message) : InvalidOperationException(message);
