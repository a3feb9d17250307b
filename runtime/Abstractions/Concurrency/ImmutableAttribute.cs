namespace TradingRobotPlug.Runtime.Concurrency;

/// <summary>
/// Values of this type are never mutated after construction, so the runtime passes them by reference instead of
/// deep-copying them on every call. Lying here breaks isolation between grains.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
