namespace TradingRobotPlug.Runtime;

/// <summary>
/// Creates references to grains. A reference is location-transparent: it holds only the grain's identity, can be
/// stored in state and passed in messages, and every call through it is a message to wherever the grain is active.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the string-keyed grain <paramref name="primaryKey"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty, or the interface is not string-keyed.</exception>
    /// <exception cref="InvalidOperationException">No grain class implements the interface, or it has no generated proxy.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the Guid-keyed grain <paramref name="primaryKey"/>.</summary>
    /// <exception cref="ArgumentException">The interface is not Guid-keyed.</exception>
    /// <exception cref="InvalidOperationException">No grain class implements the interface, or it has no generated proxy.</exception>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>A reference to the integer-keyed grain <paramref name="primaryKey"/>.</summary>
    /// <exception cref="ArgumentException">The interface is not integer-keyed.</exception>
    /// <exception cref="InvalidOperationException">No grain class implements the interface, or it has no generated proxy.</exception>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>
    /// A reference by interface type and canonical key string (untyped form, used by serializers and tooling).
    /// </summary>
    /// <exception cref="ArgumentException">The type is not a grain interface, or the key is not valid for its key kind.</exception>
    IGrain GetGrain(Type grainInterfaceType, string canonicalKey);
}
