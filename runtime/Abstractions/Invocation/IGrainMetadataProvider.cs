namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Implemented by generated code: lists an assembly's grain interfaces.</summary>
public interface IGrainMetadataProvider
{
    /// <summary>The assembly's grain interfaces.</summary>
    IReadOnlyList<GrainInterfaceMetadata> GetGrainInterfaces();
}
