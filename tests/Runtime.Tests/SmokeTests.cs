using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task First_call_activates_and_state_is_kept_between_calls()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("smoke");
        Assert.Equal(2, await grain.Add(2));
        Assert.Equal(5, await grain.Add(3));
        Assert.Equal(5, await grain.Get());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("boom"));
        Assert.Equal("boom", ex.Message);
        Assert.Equal(5, await grain.Get());
    }
}
