using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Management;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IManagementGrain"/>: reads the hosting silo's <see cref="SiloStatisticsService"/>.</summary>
public sealed class ManagementGrain(SiloStatisticsService statistics) : Grain, IManagementGrain
{
    /// <inheritdoc/>
    public Task<ImmutableArray<SiloStatistics>> GetSiloStatistics() => Task.FromResult(ImmutableArray.Create(statistics.GetSnapshot()));
}
