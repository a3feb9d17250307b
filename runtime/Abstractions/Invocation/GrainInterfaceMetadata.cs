namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Generated description of a grain interface and the factory of its proxy.</summary>
/// <param name="InterfaceType">The grain interface.</param>
/// <param name="KeyKind">Its key kind.</param>
/// <param name="CreateProxy">Creates a proxy for a grain id.</param>
/// <param name="Methods">Its methods, including inherited grain interface methods.</param>
public sealed record GrainInterfaceMetadata(
    Type InterfaceType,
    GrainKeyKind KeyKind,
    Func<GrainId, IGrainReferenceRuntime, GrainReference> CreateProxy,
    IReadOnlyList<GrainMethodMetadata> Methods);
