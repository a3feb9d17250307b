namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Generated description of one grain interface method.</summary>
/// <param name="Name">Method name.</param>
/// <param name="Options">Scheduling flags.</param>
/// <param name="BoundaryTypes">Parameter and result types that cross the grain boundary (excluding grain references
/// and cancellation tokens); each must be serializable, which the runtime checks at start-up.</param>
public sealed record GrainMethodMetadata(string Name, InvokeMethodOptions Options, IReadOnlyList<Type> BoundaryTypes);
