namespace TradingRobotPlug.Runtime.Concurrency;

/// <summary>The caller does not wait: the call returns at once and no result or exception comes back. The method must return Task or ValueTask.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class OneWayAttribute : Attribute;
