using System.Reflection;
using System.Runtime.Loader;

namespace TradingRobotPlug.Runtime.Tests.Hosting;

/// <summary>
/// Loads TradingRobotPlug.Runtime.Tests.BadGrains into its own <see cref="AssemblyLoadContext"/> (its references,
/// the runtime abstractions included, still resolve to the default context, so its grains are ordinary grains).
/// Silos discover grain assemblies in the default context only, so other tests never see these grains.
/// </summary>
internal static class BadGrainsAssembly
{
    public const string Name = "TradingRobotPlug.Runtime.Tests.BadGrains";

    private static readonly Lazy<Assembly> Loaded = new(() =>
        new AssemblyLoadContext("bad-grains").LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, Name + ".dll")));

    public static Assembly Assembly => Loaded.Value;

    public static Type GetType(string name) => Assembly.GetType($"{Name}.{name}", throwOnError: true)!;
}
