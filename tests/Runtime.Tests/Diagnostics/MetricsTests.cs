using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Diagnostics;

public sealed class MetricsTests
{
    [Fact]
    public async Task MeterListener_sees_processed_messages_and_activation_counters()
    {
        await using var silo = await TestSilo.StartAsync();
        var meterFactory = silo.Cluster.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>();
        var grainTypes = new ConcurrentBag<string?>();
        using var listener = new MeterListener
        {
            // Only this silo's meter: other tests' silos publish instruments with the same names.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeInstruments.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in tags)
            {
                if (tag.Key == "grain.type")
                {
                    grainTypes.Add(tag.Value as string);
                }
            }
        });
        listener.Start();

        var grain = silo.Grains.GetGrain<ILifecycleGrain>("metered");
        for (int i = 0; i < 4; i++)
        {
            await grain.Touch();
        }

        Assert.Equal(4, totals.GetValueOrDefault("trp.messaging.processed"));
        Assert.Equal(1, totals.GetValueOrDefault("trp.grain.activations.created"));
        Assert.Equal(1, totals.GetValueOrDefault("trp.grain.activations"));

        await grain.Deactivate();
        await silo.Probe.WhenCount("metered:deactivated");
        await silo.Cluster.WhenDeactivated(InProcessTestCluster.GetGrainId(grain)).Within("the grain to finish deactivating");

        Assert.Equal(5, totals.GetValueOrDefault("trp.messaging.processed"));
        Assert.Equal(0, totals.GetValueOrDefault("trp.grain.activations"));
        Assert.All(grainTypes, type => Assert.Equal("lifecycle", type));
    }
}
