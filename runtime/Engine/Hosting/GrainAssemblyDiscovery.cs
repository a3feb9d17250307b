using System.Reflection;
using System.Runtime.Loader;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>
/// Finds assemblies that reference the runtime abstractions: those loaded in the default
/// <see cref="AssemblyLoadContext"/> and, transitively, their references. Assemblies in other load contexts
/// (plug-ins, isolated test fixtures) belong to whoever loaded them and are used only when added explicitly.
/// </summary>
internal static class GrainAssemblyDiscovery
{
    private const string AbstractionsName = "TradingRobotPlug.Runtime.Abstractions";

    public static IReadOnlyList<Assembly> Discover(GrainAssemblyOptions options)
    {
        var result = new List<Assembly>(options.Assemblies);
        if (!options.DiscoverAssemblies)
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>(AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic));
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            queue.Enqueue(entry);
        }

        while (queue.Count > 0)
        {
            var asm = queue.Dequeue();
            var name = asm.GetName().Name ?? string.Empty;
            if (!seen.Add(name) || IsFramework(name))
            {
                continue;
            }

            var references = asm.GetReferencedAssemblies();
            if (name == AbstractionsName || references.Any(r => r.Name == AbstractionsName))
            {
                result.Add(asm);
            }

            foreach (var reference in references)
            {
                if (reference.Name is { } refName && !seen.Contains(refName) && !IsFramework(refName) && ReferencesAbstractionsCandidate(refName))
                {
                    queue.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return result.Distinct().ToList();
    }

    private static bool IsFramework(string name)
        => name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)
            || name is "netstandard" or "mscorlib" || name.StartsWith("xunit", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("FSharp", StringComparison.Ordinal) || name.StartsWith("FsCheck", StringComparison.Ordinal);

    // Only the project's own assemblies can hold grains; everything else is skipped without loading it.
    private static bool ReferencesAbstractionsCandidate(string name) => name.StartsWith("TradingRobotPlug", StringComparison.Ordinal);
}
