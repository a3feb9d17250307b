using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Each gated method signals <c>{step}:entered</c> with an <see cref="InFlight"/> snapshot, then waits for gate <c>step</c>.</summary>
public interface IInterleavingGrain : IGrainWithStringKey
{
    Task Ordinary(string step);

    [ReadOnly]
    Task Read(string step);

    [AlwaysInterleave]
    Task Interleaved(string step);

    /// <summary>Returns at once; it interleaves, so a test can use it as a sync point with a blocked grain.</summary>
    [AlwaysInterleave]
    Task Sync();
}
