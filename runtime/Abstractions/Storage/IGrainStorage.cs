namespace TradingRobotPlug.Runtime.Storage;

/// <summary>
/// A named grain storage provider. Records are keyed by (grain type, grain key, state name) and versioned by an
/// ETag for optimistic concurrency.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the record into <paramref name="grainState"/>; leaves a new default state and a null ETag when none exists.</summary>
    /// <exception cref="GrainStateSerializationException">The stored payload cannot be deserialized.</exception>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Writes the state if the stored ETag equals <see cref="IGrainState{TState}.ETag"/>, then sets the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs from the one last read or written.</exception>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Deletes the record if the ETag matches, and resets the state to a new default value.</summary>
    /// <exception cref="InconsistentStateException">The stored version differs from the one last read or written.</exception>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
}
