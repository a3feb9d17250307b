using System.Globalization;
using System.Text.Json;
using TradingRobotPlug.Runtime.Serialization;

namespace TradingRobotPlug.Runtime.Storage;

/// <summary>
/// In-memory grain storage (<c>AddMemoryGrainStorage</c>): records live as serialized JSON for the life of the silo,
/// so what is read back is a copy, a payload that no longer fits its type fails as it would in a database, and
/// ETags give the same optimistic concurrency as the PostgreSQL provider.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string Type, string Key, string State), (byte[] Payload, long Version)> _records = [];
    private readonly object _lock = new();
    private readonly RuntimeSerializer _serializer;

    /// <summary>Creates the storage named <paramref name="name"/>.</summary>
    public MemoryGrainStorage(string name, RuntimeSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(serializer);
        Name = name;
        _serializer = serializer;
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        (byte[] Payload, long Version) record;
        bool found;
        lock (_lock)
        {
            found = _records.TryGetValue((grainId.Type, grainId.Key, stateName), out record);
        }

        if (!found)
        {
            grainState.State = PersistentState<TState>.CreateDefault();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        try
        {
            grainState.State = _serializer.Deserialize<TState>(record.Payload)!;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new GrainStateSerializationException(
                $"Cannot deserialize state '{stateName}' of grain type '{grainId.Type}' key '{grainId.Key}' from storage '{Name}' as {typeof(TState).Name}: {ex.Message}", ex);
        }

        grainState.ETag = record.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        byte[] payload;
        try
        {
            payload = _serializer.Serialize(grainState.State);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new GrainStateSerializationException(
                $"Cannot serialize state '{stateName}' of grain type '{grainId.Type}' key '{grainId.Key}' for storage '{Name}': {ex.Message}", ex);
        }

        long version;
        lock (_lock)
        {
            var key = (grainId.Type, grainId.Key, stateName);
            string? stored = _records.TryGetValue(key, out var existing) ? existing.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException(
                    $"ETag mismatch writing state '{stateName}' of {grainId} to storage '{Name}': stored {stored ?? "none"}, held {grainState.ETag ?? "none"}.", stored, grainState.ETag);
            }

            version = stored is null ? 1 : existing.Version + 1;
            _records[key] = (payload, version);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            var key = (grainId.Type, grainId.Key, stateName);
            string? stored = _records.TryGetValue(key, out var existing) ? existing.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException(
                    $"ETag mismatch clearing state '{stateName}' of {grainId} in storage '{Name}': stored {stored ?? "none"}, held {grainState.ETag ?? "none"}.", stored, grainState.ETag);
            }

            _records.Remove(key);
        }

        grainState.State = PersistentState<TState>.CreateDefault();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
