using TradingRobotPlug.Runtime.Activation;

namespace TradingRobotPlug.Runtime.Storage;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> given to a grain: binds a state name and a named storage provider to
/// the activation's grain id. A stale-ETag conflict also requests the activation's deactivation.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, ILifecycleState
{
    private readonly string _stateName;
    private readonly string _storageName;
    private readonly IGrainStorage _storage;
    private readonly ActivationData _activation;

    public PersistentState(string stateName, string storageName, IGrainStorage storage, ActivationData activation)
    {
        _stateName = stateName;
        _storageName = storageName;
        _storage = storage;
        _activation = activation;
        State = CreateDefault();
    }

    public TState State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    /// <summary>Orleans spells it <c>Etag</c> on <c>IStorage</c>; both names read the same value.</summary>
    public string? Etag => ETag;

    public Task ReadOnActivateAsync() => ReadStateAsync();

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => _storage.ReadStateAsync(_stateName, _activation.GrainId, this);

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _storage.WriteStateAsync(_stateName, _activation.GrainId, this);
        }
        catch (InconsistentStateException ex)
        {
            _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.IncompatibleState, $"State '{_stateName}' in storage '{_storageName}': {ex.Message}", ex));
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _storage.ClearStateAsync(_stateName, _activation.GrainId, this);
        }
        catch (InconsistentStateException ex)
        {
            _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.IncompatibleState, $"State '{_stateName}' in storage '{_storageName}': {ex.Message}", ex));
            throw;
        }
    }

    internal static TState CreateDefault() => typeof(TState).IsValueType || typeof(TState) == typeof(string) ? default! : Activator.CreateInstance<TState>();
}
