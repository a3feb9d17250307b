using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Catalog;

/// <summary>A grain interface, its generated metadata and the class that implements it.</summary>
internal sealed record GrainInterfaceBinding(GrainInterfaceMetadata Metadata, GrainClassInfo? Implementation, string? Problem);
