using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Messaging;

public sealed class ExceptionPropagationTests
{
    [Fact]
    public async Task Exception_type_and_message_reach_the_caller_and_the_activation_survives()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("faulty");
        Assert.Equal(1, await grain.Increment());

        var async = await Assert.ThrowsAsync<TradeRejectedException>(() => grain.Reject("Order exceeds the position limit."));
        Assert.Equal("Order exceeds the position limit.", async.Message);
        var sync = await Assert.ThrowsAsync<TradeRejectedException>(() => grain.RejectSynchronously("Market is closed."));
        Assert.Equal("Market is closed.", sync.Message);

        Assert.Equal(2, await grain.Increment()); // in-memory state intact
        Assert.Equal(1, silo.Probe.Count("faulty:activated")); // OnActivateAsync did not run again
    }

    [Fact]
    public async Task OnActivateAsync_exception_fails_the_call_and_the_next_call_activates_again()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFlakyActivationGrain>("flaky");

        var ex = await Assert.ThrowsAsync<ActivationRefusedException>(() => grain.GetAttempt());
        Assert.Equal("Activation attempt 1 of flaky refused.", ex.Message);

        Assert.Equal(2, await grain.GetAttempt());
        Assert.Equal(2, await grain.GetAttempt());
        Assert.Equal(2, silo.Probe.Count("flaky:attempt"));
    }
}
