namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>An application exception thrown by a test grain; its type and message must reach the caller.</summary>
public sealed class TradeRejectedException(string message) : Exception(message);
