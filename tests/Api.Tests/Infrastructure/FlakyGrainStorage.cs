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
/// caller as "Error from storage provider …" like the real outage. It can also store a write and lose its answer
/// (<see cref="LoseNextWriteAnswer"/>), as when the connection breaks after PostgreSQL committed.
/// </summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private volatile Func<GrainId, bool>? _fails;
    private string? _losesAnswer;
    private int _failures;

    /// <summary>The real storage behind this one.</summary>
    public IGrainStorage Inner { get; } = inner;

    /// <summary>Operations failed so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>From now on, fails every operation on grains of the given types (e.g. <c>instrument</c>, <c>barsegment</c>); none = every grain.</summary>
    public void Fail(params string[] grainTypes)
        => _fails = grainTypes.Length == 0 ? _ => true : id => grainTypes.Contains(id.Type.ToString(), StringComparer.Ordinal);

    /// <summary>From now on, forwards every operation again (and loses no answer).</summary>
    public void Heal()
    {
        _fails = null;
        _losesAnswer = null;
    }

    /// <summary>
    /// The next write of a grain of <paramref name="grainType"/> is stored, but its caller gets the driver's exception
    /// and keeps its old ETag, as when PostgreSQL committed a write and the connection broke before the answer came
    /// back: the grain's next write then conflicts with the stored version (<see cref="InconsistentStateException"/>).
    /// </summary>
    public void LoseNextWriteAnswer(string grainType) => _losesAnswer = grainType;

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => Check(grainId) ?? Inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var lost = Volatile.Read(ref _losesAnswer);
        if (lost is not null && lost == grainId.Type.ToString()
            && ReferenceEquals(Interlocked.CompareExchange(ref _losesAnswer, null, lost), lost))
        {
            return WriteAndLoseAnswerAsync(stateName, grainId, grainState);
        }

        return Check(grainId) ?? Inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => Check(grainId) ?? Inner.ClearStateAsync(stateName, grainId, grainState);

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) => (Inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task WriteAndLoseAnswerAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (etag, exists) = (grainState.ETag, grainState.RecordExists);
        await Inner.WriteStateAsync(stateName, grainId, grainState);
        (grainState.ETag, grainState.RecordExists) = (etag, exists);
        Interlocked.Increment(ref _failures);
        throw new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
    }

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
