using System.Net.Sockets;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// A grain storage that forwards to the real one (<see cref="Inner"/>) but can be told to fail the way PostgreSQL does
/// when it is down: every read, write and clear of the chosen grain types throws the driver's
/// <see cref="NpgsqlException"/> ("Failed to connect", around a refused connection), which Orleans reports to the
/// caller as "Error from storage provider …" like the real outage.
/// </summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private volatile Func<GrainId, bool>? _fails;
    private int _failures;

    /// <summary>The real storage behind this one.</summary>
    public IGrainStorage Inner { get; } = inner;

    /// <summary>Operations failed so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>From now on, fails every operation on grains of the given types (e.g. <c>instrument</c>, <c>barsegment</c>); none = every grain.</summary>
    public void Fail(params string[] grainTypes)
        => _fails = grainTypes.Length == 0 ? _ => true : id => grainTypes.Contains(id.Type.ToString(), StringComparer.Ordinal);

    /// <summary>From now on, forwards every operation again.</summary>
    public void Heal() => _fails = null;

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => Check(grainId) ?? Inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => Check(grainId) ?? Inner.WriteStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => Check(grainId) ?? Inner.ClearStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) => (Inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private Task? Check(GrainId grainId)
    {
        if (_fails is { } fails && fails(grainId))
        {
            Interlocked.Increment(ref _failures);
            return Task.FromException(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));
        }

        return null;
    }
}
