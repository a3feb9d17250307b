using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Timers;

/// <summary>
/// Grain timers on the manual clock. A timer re-arms when its tick has finished, so before advancing to the next
/// tick a test makes an ordinary call (which cannot start until the tick's turn is over).
/// </summary>
public sealed class GrainTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Timer_ticks_as_turns_of_the_grain_when_the_clock_advances()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("ticker");
        await grain.StartTicking(Period, keepAlive: false);

        silo.Time.Advance(Period - TimeSpan.FromSeconds(1));
        await grain.Touch();
        Assert.Equal(0, silo.Probe.Count("ticker:tick"));

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WhenCount("ticker:tick");
        await grain.Touch();
        silo.Time.Advance(Period);
        await silo.Probe.WhenCount("ticker:tick", 2);
        Assert.All(silo.Probe.Values<TickObservation>("ticker:tick"), tick => Assert.Equal(new TickObservation(DuringCall: false, InGrainContext: true), tick));
    }

    [Fact]
    public async Task Change_made_inside_the_callback_sets_the_next_due_time()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("backoff");
        await grain.StartTicking(Period, keepAlive: false);
        await grain.RescheduleFromNextTick(TimeSpan.FromMinutes(5));

        silo.Time.Advance(Period);
        await silo.Probe.WhenCount("backoff:tick"); // this tick calls Change(5 min, period)
        await grain.Touch();

        silo.Time.Advance(Period); // the old period has passed: no tick
        await grain.Touch();
        Assert.Equal(1, silo.Probe.Count("backoff:tick"));

        silo.Time.Advance(TimeSpan.FromMinutes(5) - Period);
        await silo.Probe.WhenCount("backoff:tick", 2);
        await grain.Touch();
        silo.Time.Advance(Period); // back to the period
        await silo.Probe.WhenCount("backoff:tick", 3);
    }

    [Fact]
    public async Task Tick_waits_for_a_running_call_instead_of_interleaving()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("turns");
        await grain.StartTicking(Period, keepAlive: false);
        var call = grain.Block("busy");
        await silo.Probe.WhenCount("busy:entered");

        silo.Time.Advance(Period); // the tick is queued behind the blocked call
        await grain.Sync().Within("Sync on a blocked grain"); // [AlwaysInterleave]: the tick had its chance to start before this
        Assert.Equal(0, silo.Probe.Count("turns:tick"));

        silo.Probe.Release("busy");
        await call.Within("the blocked call");
        await silo.Probe.WhenCount("turns:tick");
        Assert.Equal(new TickObservation(DuringCall: false, InGrainContext: true), silo.Probe.Last<TickObservation>("turns:tick"));
    }

    [Fact]
    public async Task Timer_stops_when_the_activation_deactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("stopper");
        await grain.Touch();
        int siloTimers = silo.Time.PendingTimerCount;
        await grain.StartTicking(Period, keepAlive: false);
        Assert.Equal(siloTimers + 1, silo.Time.PendingTimerCount);

        await grain.Deactivate();
        await silo.Probe.WhenCount("stopper:deactivated");
        await silo.Cluster.WhenDeactivated(InProcessTestCluster.GetGrainId(grain)).Within("the grain to finish deactivating");

        Assert.Equal(siloTimers, silo.Time.PendingTimerCount);
        silo.Time.Advance(Period * 3);
        Assert.Equal(0, silo.Probe.Count("stopper:tick"));
        Assert.False(silo.Cluster.IsActive(InProcessTestCluster.GetGrainId(grain)));
    }

    [Fact]
    public async Task Ticks_of_a_timer_without_KeepAlive_do_not_prevent_idle_collection()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("idle-ticker");
        await grain.StartTicking(TimeSpan.FromMinutes(10), keepAlive: false); // last call at minute 0

        silo.Time.Advance(TimeSpan.FromMinutes(10));
        await silo.Probe.WhenCount("idle-ticker:tick"); // a tick at minute 10
        silo.Time.Advance(TimeSpan.FromMinutes(10)); // the collector runs at minutes 11..20; idle since minute 0

        await silo.Probe.WhenCount("idle-ticker:deactivated");
        Assert.Equal(DeactivationReasonCode.ActivationIdle, silo.Probe.Last<DeactivationReason>("idle-ticker:deactivated").ReasonCode);
    }

    [Fact]
    public async Task Ticks_of_a_KeepAlive_timer_count_as_activity()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("busy-ticker");
        await grain.StartTicking(TimeSpan.FromMinutes(10), keepAlive: true); // last call at minute 0

        silo.Time.Advance(TimeSpan.FromMinutes(10));
        await silo.Probe.WhenCount("busy-ticker:tick"); // a tick at minute 10
        silo.Time.Advance(TimeSpan.FromMinutes(10)); // minute 20: 20 min since the call, 10 since the tick

        // The collector decided inside Advance; had it chosen this activation, this call would go to a new one.
        await grain.Touch();
        Assert.Equal(1, silo.Probe.Count("busy-ticker:activated"));
        Assert.Equal(0, silo.Probe.Count("busy-ticker:deactivated"));
    }
}
