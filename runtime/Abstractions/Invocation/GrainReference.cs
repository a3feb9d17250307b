namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>
/// Base of generated grain proxies: a location-transparent reference holding only the grain's identity and
/// interface. Equal when they address the same grain through the same interface.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    /// <summary>Creates the reference.</summary>
    protected GrainReference(GrainId grainId, Type interfaceType, IGrainReferenceRuntime runtime)
    {
        GrainId = grainId;
        InterfaceType = interfaceType;
        Runtime = runtime;
    }

    /// <summary>The target grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>The grain interface this reference implements.</summary>
    public Type InterfaceType { get; }

    /// <summary>The runtime that sends calls.</summary>
    protected IGrainReferenceRuntime Runtime { get; }

    /// <summary>Engine-owned cache slot (e.g. the last known local activation). Not part of identity.</summary>
    public object? RoutingCache { get; set; }

    /// <summary>Copies an argument (generated code calls this only for mutable types).</summary>
    protected T CopyArgument<T>(T value) => Runtime.Copier.Copy(value);

    /// <inheritdoc/>
    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId && InterfaceType == other.InterfaceType;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GrainId, InterfaceType);

    /// <inheritdoc/>
    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
