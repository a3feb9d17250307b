namespace TradingRobotPlug.Runtime.Storage;

/// <summary>Marks an <see cref="IPersistentState{TState}"/> constructor parameter of a grain.</summary>
/// <param name="stateName">Name of the state within the grain (a grain may have several); non-empty.</param>
/// <param name="storageName">Name of the storage provider; null for the default provider ("Default").</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state name.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider name, or null for the default.</summary>
    public string? StorageName { get; } = storageName;
}
