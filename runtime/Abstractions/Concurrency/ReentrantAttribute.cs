namespace TradingRobotPlug.Runtime.Concurrency;

/// <summary>Every message to this grain may interleave with others at await points (turns still never run in parallel).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
