using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// A position of one strategy in one instrument (key: <see cref="PositionId"/>, <c>strategy:SYMBOL</c>): quantity,
/// average cost, realized and unrealized P&amp;L and the open trade with MAE/MFE. The owning strategy grain is the
/// source of fills and marks and publishes the position here after every delivered batch of bars.
/// </summary>
[Alias("trp.IPositionGrain")]
public interface IPositionGrain : IGrainWithStringKey
{
    /// <summary>Records the position as of its last mark.</summary>
    Task Update(PositionSnapshot snapshot);

    /// <summary>
    /// Does nothing: activates the grain ahead of its first <see cref="Update"/>. The strategy calls it when it starts,
    /// so that a cluster whose strategies start together does not create all their position grains at once on the first
    /// bar batch.
    /// One-way: the caller does not wait for the activation.
    /// </summary>
    [OneWay]
    Task Prepare();

    /// <summary>Forgets the position (its strategy was deleted).</summary>
    Task Clear();

    /// <summary>The position, or null if the strategy never traded the instrument.</summary>
    [ReadOnly]
    Task<PositionSnapshot?> Get();
}
