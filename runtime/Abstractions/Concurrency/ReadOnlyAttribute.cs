namespace TradingRobotPlug.Runtime.Concurrency;

/// <summary>This method does not change state: it may interleave with other [ReadOnly] calls.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute;
