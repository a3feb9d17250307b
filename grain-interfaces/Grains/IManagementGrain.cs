using System.Collections.Immutable;
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Management;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// The cluster's management view (one grain, key <see cref="Key"/>), so that clients outside the silo (the API) read
/// silo statistics through the grain factory like any other state. With one silo it reports that silo.
/// </summary>
public interface IManagementGrain : IGrainWithStringKey
{
    /// <summary>The management grain's key.</summary>
    const string Key = "management";

    /// <summary>Statistics of every silo: activations by grain type, requests completed and their rate since the previous call.</summary>
    Task<ImmutableArray<SiloStatistics>> GetSiloStatistics();
}
