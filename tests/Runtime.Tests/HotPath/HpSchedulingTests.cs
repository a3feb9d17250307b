using TradingRobotPlug.Runtime.TestingHost;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>
/// Behaviour the call path must keep whatever is done to make it faster: turns of a non-reentrant grain never
/// interleave, [ReadOnly] and [Reentrant] calls do, calls from one caller arrive in order, timeouts fail queued and
/// running calls (and a timed-out queued call never runs), arguments and results are copied, exceptions propagate,
/// and a deactivated grain comes back fresh.
/// </summary>
public sealed class HpSchedulingTests(HpClusterFixture fixture) : IClassFixture<HpClusterFixture>
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Turns_of_a_non_reentrant_grain_never_interleave()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("turns");
        var maxima = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Yielding()));
        Assert.All(maxima, m => Assert.Equal(1, m));
    }

    [Fact]
    public async Task A_call_waits_while_another_is_suspended_on_a_non_reentrant_grain()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("waits");
        var first = grain.WaitGate("/a");
        await fixture.Probe.WhenReceived("waits/a/entered", 1);
        var second = grain.Append(1);
        fixture.Probe.Open("waits/a");
        Assert.Equal(1, await first);
        await second;
        Assert.Equal([1], await grain.Appended());
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_writes()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("readers");
        var r1 = grain.ReadWaitGate("/r");
        var r2 = grain.ReadWaitGate("/r");
        await fixture.Probe.WhenReceived("readers/r/entered", 2);
        var write = grain.Append(7);
        fixture.Probe.Open("readers/r");
        Assert.Equal(2, Math.Max(await r1, await r2));
        await write;
        Assert.Equal([7], await grain.Appended());
    }

    [Fact]
    public async Task Calls_to_a_reentrant_grain_interleave()
    {
        var grain = Grains.GetGrain<IHpReentrantGrain>("reentrant");
        var calls = Enumerable.Range(0, 3).Select(_ => grain.WaitGate()).ToList();
        await fixture.Probe.WhenReceived("reentrant/entered", 3);
        fixture.Probe.Open("reentrant");
        var maxima = await Task.WhenAll(calls);
        Assert.Equal(3, maxima.Max());
    }

    [Fact]
    public async Task Calls_from_one_caller_arrive_in_order()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("order");
        var pending = new List<Task>();
        for (int i = 0; i < 500; i++)
        {
            pending.Add(i % 2 == 0 ? grain.Append(i) : grain.AppendOneWay(i));
        }

        await Task.WhenAll(pending);
        Assert.Equal(Enumerable.Range(0, 500), await grain.Appended());
    }

    [Fact]
    public async Task Concurrent_callers_each_keep_their_order()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("order-many");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var sent = new List<Task>();
            for (int i = 0; i < 200; i++)
            {
                sent.Add(grain.Append((c * 1000) + i));
            }

            await Task.WhenAll(sent);
        })));
        var appended = await grain.Appended();
        Assert.Equal(1600, appended.Count);
        foreach (var caller in appended.GroupBy(v => v / 1000))
        {
            Assert.Equal(caller.OrderBy(v => v), caller);
        }
    }

    [Fact]
    public async Task Arguments_and_results_are_copied()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("copies");
        var sent = new List<int> { 1, 2 };
        var returned = await grain.KeepAndReturn(sent);
        Assert.Equal([1, 2], sent);
        Assert.Equal([1, 2, 99], returned);
        returned.Add(1000);
        Assert.Equal([1, 2, 99], await grain.KeepAndReturn([1, 2]));
    }

    [Fact]
    public async Task Exceptions_after_an_await_reach_the_caller_and_the_grain_keeps_working()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("faults");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.FailAfterAwait("late boom"));
        Assert.Equal("late boom", ex.Message);
        await grain.Append(3);
        Assert.Equal([3], await grain.Appended());
    }

    [Fact]
    public async Task A_deactivated_grain_is_activated_again_with_fresh_state()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("again");
        await grain.Append(1);
        var id = InProcessTestCluster.GetGrainId(grain);
        var deactivated = fixture.Cluster.WhenDeactivated(id);
        await grain.Deactivate();
        await deactivated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await grain.Appended());
    }

    [Fact]
    public async Task Timeouts_fail_the_running_and_the_queued_call_and_the_queued_one_never_runs()
    {
        var grain = Grains.GetGrain<IHpTurnGrain>("timeouts");
        Assert.Equal(0, await grain.Runs());
        var running = grain.WaitGate("/t");
        await fixture.Probe.WhenReceived("timeouts/t/entered", 1);
        var queued = grain.Append(5);
        fixture.Cluster.Time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TimeoutException>(() => running);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        fixture.Probe.Open("timeouts/t");
        Assert.Equal(1, await grain.Runs());
        Assert.Empty(await grain.Appended());
    }
}
