namespace TradingRobotPlug.Runtime.Storage;

/// <summary>A grain's state as a storage provider reads and writes it.</summary>
/// <typeparam name="TState">The state type; must be serializable by the runtime's serializer.</typeparam>
public interface IGrainState<TState>
{
    /// <summary>The state value.</summary>
    TState State { get; set; }

    /// <summary>The version token of the stored record; null when no record exists.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; set; }
}
