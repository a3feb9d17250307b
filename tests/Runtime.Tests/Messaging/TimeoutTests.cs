using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Messaging;

/// <summary>
/// Response timeouts on the manual clock: the sweep (every min(1 s, timeout / 10)) fails expired calls synchronously
/// inside <c>Advance</c>, so right after an advance a call has either timed out or not.
/// </summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task Blocked_call_fails_with_TimeoutException_once_the_default_response_timeout_passes()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IBlockingGrain>("blocked");
        var call = grain.Block("never");
        await silo.Probe.WhenCount("never:entered");
        var queued = grain.Ping(1); // behind the blocked call

        silo.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        Assert.False(queued.IsCompleted);

        silo.Time.Advance(TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => call.Within("the call to time out"));
        Assert.Contains("IBlockingGrain.Block", ex.Message);
        Assert.Contains("00:00:30", ex.Message);
        await Assert.ThrowsAsync<TimeoutException>(() => queued.Within("the queued call to time out"));

        silo.Probe.Release("never");
        Assert.Equal(2, await grain.Ping(2).Within("a call after the blocked one finished"));
    }

    [Fact]
    public async Task Deadlock_between_two_non_reentrant_grains_times_out_instead_of_hanging()
    {
        await using var silo = await TestSilo.StartAsync();
        var a = silo.Grains.GetGrain<IDeadlockGrain>("a");
        var b = silo.Grains.GetGrain<IDeadlockGrain>("b");

        var call = a.CallThrough(b); // a -> b -> a: the call back to a waits behind a's own call
        await silo.Probe.WhenCount("b:bounced");
        silo.Time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<TimeoutException>(() => call.Within("the deadlocked call to time out"));

        // Both grains recover, and the timed-out call back to 'a' never ran (a's first ping is this one).
        Assert.Equal(1, await a.Ping().Within("a call to a after the deadlock"));
        Assert.Equal(1, await b.Ping().Within("a call to b after the deadlock"));
    }

    [Fact]
    public async Task Configured_ResponseTimeout_is_honoured()
    {
        await using var silo = await TestSilo.StartAsync(s => s.ConfigureMessaging(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        var grain = silo.Grains.GetGrain<IBlockingGrain>("configured");
        var call = grain.Block("gate");
        await silo.Probe.WhenCount("gate:entered");

        silo.Time.Advance(TimeSpan.FromSeconds(4.5));
        Assert.False(call.IsCompleted);

        silo.Time.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => call.Within("the call to time out"));
        Assert.Contains("00:00:05", ex.Message);
    }
}
