using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.TestingHost;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>
/// The cluster of the hot-path tests: manual time, an <see cref="HpProbe"/>, the payload serializer context, and a
/// stream provider with tiny queues (capacity 2, batches of 1) to make backpressure observable.
/// </summary>
public sealed class HpClusterFixture : ClusterFixture
{
    /// <summary>The probe the test grains report to.</summary>
    public HpProbe Probe => Cluster.Services.GetRequiredService<HpProbe>();

    /// <inheritdoc/>
    protected override TestClusterOptions CreateOptions() => new()
    {
        ConfigureSilo = silo =>
        {
            silo.Services.AddSingleton<HpProbe>();
            silo.AddSerializerContext(HpJsonContext.Default);
            silo.AddSerializerContext(TradingRobotPlug.Runtime.Tests.Infrastructure.RuntimeTestJsonContext.Default);
            silo.AddMemoryStreams(HpStreamTests.SmallQueueProvider, o =>
            {
                o.QueueCapacity = 2;
                o.MaxBatchSize = 1;
            });
        },
    };
}
