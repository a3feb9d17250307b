namespace TradingRobotPlug.Runtime.Storage;

/// <summary>
/// Persistent state injected into a grain's constructor with <see cref="PersistentStateAttribute"/>. The runtime
/// reads it before <see cref="Grain.OnActivateAsync"/>; the grain writes it when it chooses.
/// </summary>
/// <typeparam name="TState">The state type; must have a public parameterless constructor and be serializable.</typeparam>
public interface IPersistentState<TState> : IGrainState<TState>
{
    /// <summary>Re-reads the record from storage, replacing <see cref="IGrainState{TState}.State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="IGrainState{TState}.State"/>.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the record since this activation read it; the activation deactivates.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the record and resets the state.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the record since this activation read it.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
