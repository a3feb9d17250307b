using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Scheduling;

/// <summary>
/// Interleaving rules. "Entered" events prove a call started; to prove one did NOT start, the test sends an
/// [AlwaysInterleave] Sync after it: the activation decides about earlier messages before it runs Sync, so once Sync
/// returns a call that could have started would have.
/// </summary>
public sealed class ReentrancyTests
{
    [Fact]
    public async Task Ordinary_calls_on_a_non_reentrant_grain_do_not_interleave()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("ordinary");
        var first = grain.Ordinary("o1");
        await silo.Probe.WhenCount("o1:entered");
        var second = grain.Ordinary("o2");

        await grain.Sync().Within("Sync on a blocked grain");
        Assert.Equal(0, silo.Probe.Count("o2:entered"));

        silo.Probe.Release("o1");
        await silo.Probe.WhenCount("o2:entered");
        Assert.Equal(new InFlight(0, 0, 0), silo.Probe.Last<InFlight>("o2:entered"));
        silo.Probe.Release("o2");
        await Task.WhenAll(first, second).Within("both calls");
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_calls_at_await_points()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IReentrantGateGrain>("reentrant");
        var first = grain.Ordinary("r1");
        await silo.Probe.WhenCount("r1:entered");

        var second = grain.Ordinary("r2");
        await silo.Probe.WhenCount("r2:entered"); // only possible while r1 is still inside
        Assert.Equal(1, silo.Probe.Last<int>("r2:entered"));

        silo.Probe.Release("r2");
        await second.Within("the second call");
        Assert.False(first.IsCompleted);
        silo.Probe.Release("r1");
        await first.Within("the first call");
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_an_ordinary_call_is_blocked()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("always");
        var blocked = grain.Ordinary("a1");
        await silo.Probe.WhenCount("a1:entered");

        var interleaved = grain.Interleaved("a2");
        await silo.Probe.WhenCount("a2:entered");
        Assert.Equal(new InFlight(1, 0, 0), silo.Probe.Last<InFlight>("a2:entered"));

        silo.Probe.Release("a2");
        await interleaved.Within("the interleaved call");
        silo.Probe.Release("a1");
        await blocked.Within("the blocked call");
    }

    [Fact]
    public async Task AlwaysInterleave_method_is_not_held_behind_queued_ordinary_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("head-of-line");
        var blocked = grain.Ordinary("h1");
        await silo.Probe.WhenCount("h1:entered");
        var queued = grain.Ordinary("h2"); // must wait for h1

        var interleaved = grain.Interleaved("h3"); // sent after h2, may still run now
        await silo.Probe.WhenCount("h3:entered");
        Assert.Equal(new InFlight(1, 0, 0), silo.Probe.Last<InFlight>("h3:entered"));
        Assert.Equal(0, silo.Probe.Count("h2:entered"));

        silo.Probe.Release("h3");
        silo.Probe.Release("h1");
        await silo.Probe.WhenCount("h2:entered");
        Assert.Equal(new InFlight(0, 0, 0), silo.Probe.Last<InFlight>("h2:entered"));
        silo.Probe.Release("h2");
        await Task.WhenAll(blocked, queued, interleaved).Within("all calls");
    }

    [Fact]
    public async Task ReadOnly_methods_interleave_with_each_other()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("readers");
        var first = grain.Read("ro1");
        await silo.Probe.WhenCount("ro1:entered");

        var second = grain.Read("ro2");
        await silo.Probe.WhenCount("ro2:entered");
        Assert.Equal(new InFlight(0, 1, 0), silo.Probe.Last<InFlight>("ro2:entered"));

        silo.Probe.Release("ro1");
        silo.Probe.Release("ro2");
        await Task.WhenAll(first, second).Within("both reads");
    }

    [Fact]
    public async Task ReadOnly_method_waits_for_a_running_ordinary_call()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("read-after-write");
        var write = grain.Ordinary("w1");
        await silo.Probe.WhenCount("w1:entered");
        var read = grain.Read("r1");

        await grain.Sync().Within("Sync on a blocked grain");
        Assert.Equal(0, silo.Probe.Count("r1:entered"));

        silo.Probe.Release("w1");
        await silo.Probe.WhenCount("r1:entered");
        Assert.Equal(new InFlight(0, 0, 0), silo.Probe.Last<InFlight>("r1:entered"));
        silo.Probe.Release("r1");
        await Task.WhenAll(write, read).Within("both calls");
    }

    [Fact]
    public async Task Ordinary_call_waits_for_a_running_ReadOnly_method()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IInterleavingGrain>("write-after-read");
        var read = grain.Read("r1");
        await silo.Probe.WhenCount("r1:entered");
        var write = grain.Ordinary("w1");

        await grain.Sync().Within("Sync on a blocked grain");
        Assert.Equal(0, silo.Probe.Count("w1:entered"));

        silo.Probe.Release("r1");
        await silo.Probe.WhenCount("w1:entered");
        Assert.Equal(new InFlight(0, 0, 0), silo.Probe.Last<InFlight>("w1:entered"));
        silo.Probe.Release("w1");
        await Task.WhenAll(read, write).Within("both calls");
    }
}
