namespace TradingRobotPlug.Runtime.Concurrency;

/// <summary>This method may interleave with any other message, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class AlwaysInterleaveAttribute : Attribute;
