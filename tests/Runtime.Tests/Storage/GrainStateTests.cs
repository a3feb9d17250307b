using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>
/// Persistent state through a grain (<see cref="LifecycleGrain"/>, state "profile" in the "Default" storage), run
/// once per storage provider by the derived classes. Another writer is simulated by writing through the silo's
/// storage provider directly, exactly as a second silo sharing the database would.
/// </summary>
public abstract class GrainStateTests
{
    private const string StateName = "profile";

    protected abstract Task<TestSilo> StartSiloAsync();

    [Fact]
    public async Task State_round_trips_across_deactivation()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("round-trip");
        await grain.Increment();
        await grain.Increment();
        Assert.Equal(3, await grain.Increment());

        await DeactivateAsync(silo, grain, "round-trip");

        Assert.Equal(3, await grain.GetCount());
        Assert.Equal([0, 3], silo.Probe.Values<int>("round-trip:activated"));
        Assert.Equal(4, await grain.Increment()); // the new activation holds the current ETag
    }

    [Fact]
    public async Task ETag_conflict_reaches_the_caller_and_deactivates_the_activation()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("conflict");
        Assert.Equal(1, await grain.Increment()); // the activation now holds ETag "1"

        var storage = Storage(silo);
        var other = new StateHolder<ProfileState>();
        await storage.ReadStateAsync(StateName, InProcessTestCluster.GetGrainId(grain), other);
        other.State.Count = 41;
        other.State.Label = "written elsewhere";
        await storage.WriteStateAsync(StateName, InProcessTestCluster.GetGrainId(grain), other);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());
        Assert.Equal(other.ETag, ex.StoredETag);
        Assert.Equal("1", ex.CurrentETag);

        await silo.Probe.WhenCount("conflict:deactivated");
        Assert.Equal(DeactivationReasonCode.IncompatibleState, silo.Probe.Last<DeactivationReason>("conflict:deactivated").ReasonCode);

        // The next call gets a new activation that reads the other writer's record.
        Assert.Equal(42, await grain.Increment());
        Assert.Equal("written elsewhere", await grain.GetLabel());
        Assert.Equal([0, 41], silo.Probe.Values<int>("conflict:activated"));
    }

    [Fact]
    public async Task Corrupt_persisted_state_fails_activation_with_an_error_naming_grain_type_key_and_storage()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("corrupt-AAPL");
        await grain.Increment();
        await DeactivateAsync(silo, grain, "corrupt-AAPL");

        var storage = Storage(silo);
        var current = new StateHolder<ProfileState>();
        await storage.ReadStateAsync(StateName, InProcessTestCluster.GetGrainId(grain), current);
        var corrupt = new StateHolder<CorruptProfileState> { ETag = current.ETag, RecordExists = true };
        await storage.WriteStateAsync(StateName, InProcessTestCluster.GetGrainId(grain), corrupt); // "Count" is now a JSON string

        var ex = await Assert.ThrowsAsync<GrainStateSerializationException>(() => grain.GetCount());
        Assert.Contains("'profile'", ex.Message);
        Assert.Contains("'lifecycle'", ex.Message);
        Assert.Contains("'corrupt-AAPL'", ex.Message);
        Assert.Contains("'Default'", ex.Message);

        // No activation runs on state it could not read; every call tries again and fails the same way.
        await Assert.ThrowsAsync<GrainStateSerializationException>(() => grain.GetCount());
        Assert.Equal(1, silo.Probe.Count("corrupt-AAPL:activated"));
    }

    private static IGrainStorage Storage(TestSilo silo) => silo.Cluster.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

    private static async Task DeactivateAsync(TestSilo silo, ILifecycleGrain grain, string key)
    {
        int before = silo.Probe.Count($"{key}:deactivated");
        await grain.Deactivate();
        await silo.Probe.WhenCount($"{key}:deactivated", before + 1);
        await silo.Cluster.WhenDeactivated(InProcessTestCluster.GetGrainId(grain)).Within($"{key} to finish deactivating");
    }
}
