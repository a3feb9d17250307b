using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary><see cref="GrainStateTests"/> against in-memory storage (the test cluster's default).</summary>
public sealed class MemoryGrainStateTests : GrainStateTests
{
    protected override Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync();
}
