namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>A test gave up waiting for something (not a <see cref="TimeoutException"/>, so it never passes for a runtime timeout).</summary>
public sealed class GuardExpiredException(string message) : Exception(message);
