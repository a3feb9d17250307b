using TradingRobotPlug.Runtime.Activation;

namespace TradingRobotPlug.Runtime.Catalog;

/// <summary>What the runtime knows about one grain class: its grain type name, scheduling and how to create it.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType, string grainType, bool reentrant, IReadOnlyList<string> implicitStreamNamespaces, Func<ActivationData, object> factory)
    {
        ClassType = classType;
        GrainType = grainType;
        Reentrant = reentrant;
        ImplicitStreamNamespaces = implicitStreamNamespaces;
        Factory = factory;
    }

    /// <summary>The implementation class.</summary>
    public Type ClassType { get; }

    /// <summary>The grain type name used in <see cref="GrainId"/>.</summary>
    public string GrainType { get; }

    /// <summary>Whether the class is <c>[Reentrant]</c>.</summary>
    public bool Reentrant { get; }

    /// <summary>Stream namespaces the class subscribes to implicitly.</summary>
    public IReadOnlyList<string> ImplicitStreamNamespaces { get; }

    /// <summary>Creates a grain instance for an activation (constructor injection, persistent state binding).</summary>
    public Func<ActivationData, object> Factory { get; }

    public override string ToString() => $"{GrainType} ({ClassType.FullName})";
}
