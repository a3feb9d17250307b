using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IPositionGrain"/>: the latest published position of one strategy in one instrument.</summary>
[GrainType("position")]
public sealed class PositionGrain : Grain, IPositionGrain
{
    private PositionSnapshot? _snapshot;

    /// <inheritdoc/>
    public Task Update(PositionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Id.ToString() != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Position {snapshot.Id} sent to position grain {this.GetPrimaryKeyString()}.", nameof(snapshot));
        }

        _snapshot = snapshot;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Prepare() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task Clear()
    {
        _snapshot = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<PositionSnapshot?> Get() => Task.FromResult(_snapshot);
}
