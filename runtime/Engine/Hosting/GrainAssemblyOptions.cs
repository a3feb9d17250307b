using System.Reflection;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>Which assemblies hold grain classes and grain interfaces.</summary>
public sealed class GrainAssemblyOptions
{
    /// <summary>Assemblies added explicitly with <c>AddGrainAssembly</c>.</summary>
    public List<Assembly> Assemblies { get; } = [];

    /// <summary>Also scan the assemblies loaded in the default load context (and their references) that reference the
    /// runtime abstractions. Default true. Assemblies loaded in other load contexts must be added explicitly.</summary>
    public bool DiscoverAssemblies { get; set; } = true;
}
