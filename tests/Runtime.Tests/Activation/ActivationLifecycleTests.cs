using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Activation;

/// <summary>
/// Activation on first call, idle collection (default CollectionAge 15 min, collector every CollectionQuantum of
/// 1 min, both on the manual clock), DelayDeactivation and DeactivateOnIdle.
/// </summary>
public sealed class ActivationLifecycleTests
{
    private static readonly TimeSpan CollectionAge = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task First_call_activates_once_and_later_calls_reuse_the_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("first-call");
        Assert.False(silo.Cluster.IsActive(InProcessTestCluster.GetGrainId(grain))); // a reference alone activates nothing

        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await grain.Increment());
        Assert.Equal(2, await grain.GetCount());

        Assert.Equal(1, silo.Probe.Count("first-call:activated"));
        Assert.True(silo.Cluster.IsActive(InProcessTestCluster.GetGrainId(grain)));
    }

    [Fact]
    public async Task Idle_activation_is_collected_after_the_collection_age_and_the_next_call_reactivates_it_with_persisted_state()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("idle");
        await grain.Increment();
        await grain.Increment();

        silo.Time.Advance(CollectionAge - TimeSpan.FromMinutes(1));
        Assert.Equal(2, await grain.GetCount()); // still the first activation: a pending deactivation would have sent this call to a new one
        Assert.Equal(1, silo.Probe.Count("idle:activated"));

        silo.Time.Advance(CollectionAge + TimeSpan.FromMinutes(1));
        await silo.Probe.WhenCount("idle:deactivated");
        Assert.Equal(DeactivationReasonCode.ActivationIdle, silo.Probe.Last<DeactivationReason>("idle:deactivated").ReasonCode);
        await silo.Cluster.WhenDeactivated(InProcessTestCluster.GetGrainId(grain)).Within("the idle activation to finish deactivating");
        Assert.False(silo.Cluster.IsActive(InProcessTestCluster.GetGrainId(grain)));

        Assert.Equal(2, await grain.GetCount());
        Assert.Equal([0, 2], silo.Probe.Values<int>("idle:activated")); // the second activation read the persisted count
        Assert.Equal(1, silo.Probe.Count("idle:deactivated"));
    }

    [Fact]
    public async Task Activation_called_more_recently_than_the_collection_age_is_not_collected()
    {
        await using var silo = await TestSilo.StartAsync();
        var old = silo.Grains.GetGrain<ILifecycleGrain>("called-long-ago");
        var recent = silo.Grains.GetGrain<ILifecycleGrain>("called-recently");
        await old.Touch();
        silo.Time.Advance(TimeSpan.FromMinutes(10));
        await recent.Touch();

        silo.Time.Advance(TimeSpan.FromMinutes(6)); // old: idle 16 min; recent: idle 6 min
        await silo.Probe.WhenCount("called-long-ago:deactivated");

        // The collector decided synchronously inside Advance; had it picked 'recent', this call would go to a new activation.
        await recent.Touch();
        Assert.Equal(1, silo.Probe.Count("called-recently:activated"));
        Assert.Equal(0, silo.Probe.Count("called-recently:deactivated"));
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_alive_until_it_expires()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("kept-alive");
        await grain.KeepAliveFor(TimeSpan.FromMinutes(30));

        silo.Time.Advance(TimeSpan.FromMinutes(20)); // idle 20 min > age, but kept alive until minute 30
        await grain.Touch();
        Assert.Equal(1, silo.Probe.Count("kept-alive:activated"));
        Assert.Equal(0, silo.Probe.Count("kept-alive:deactivated"));

        silo.Time.Advance(CollectionAge + TimeSpan.FromMinutes(1)); // minute 36: keep-alive over, idle 16 min
        await silo.Probe.WhenCount("kept-alive:deactivated");
        Assert.Equal(DeactivationReasonCode.ActivationIdle, silo.Probe.Last<DeactivationReason>("kept-alive:deactivated").ReasonCode);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_call_and_the_next_call_reactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ILifecycleGrain>("on-request");
        Assert.Equal(1, await grain.Increment());

        await grain.Deactivate();
        await silo.Probe.WhenCount("on-request:deactivated");
        Assert.Equal(DeactivationReasonCode.ApplicationRequested, silo.Probe.Last<DeactivationReason>("on-request:deactivated").ReasonCode);

        Assert.Equal(2, await grain.Increment());
        Assert.Equal([0, 1], silo.Probe.Values<int>("on-request:activated"));
    }
}
