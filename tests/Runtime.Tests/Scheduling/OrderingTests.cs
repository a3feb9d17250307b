using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Scheduling;

public sealed class OrderingTests
{
    [Fact]
    public async Task Non_reentrant_grain_runs_one_call_at_a_time_and_keeps_each_callers_order_under_100_concurrent_callers()
    {
        const int Callers = 100;
        const int CallsPerCaller = 20;
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ISequenceGrain>("ordering");

        // Each caller sends its whole sequence without waiting for responses, so all callers' calls queue up together.
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(() =>
        {
            var calls = new Task[CallsPerCaller];
            for (int sequence = 0; sequence < CallsPerCaller; sequence++)
            {
                calls[sequence] = grain.Record(caller, sequence);
            }

            return Task.WhenAll(calls);
        }));
        await Task.WhenAll(callers).Within("all calls to complete");

        var report = await grain.GetReport();
        Assert.Equal(Callers * CallsPerCaller, report.Calls);
        Assert.Equal(1, report.MaxInFlight);
        Assert.Equal(0, report.OrderViolations);
    }
}
