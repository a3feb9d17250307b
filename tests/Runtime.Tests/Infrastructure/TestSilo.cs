using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.TestingHost;

namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>
/// An <see cref="InProcessTestCluster"/> (manual clock) with a fresh <see cref="TestProbe"/> registered for the test
/// grains and <see cref="RuntimeTestJsonContext"/> declared. Every cluster in this assembly must declare that context:
/// the silo validates the boundary types of every grain interface it discovers, including all test interfaces.
/// Disposing opens every probe gate first, so no activation is left blocked at shutdown.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(InProcessTestCluster cluster, TestProbe probe)
    {
        Cluster = cluster;
        Probe = probe;
    }

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The probe the test grains report to.</summary>
    public TestProbe Probe { get; }

    /// <summary>The grain factory.</summary>
    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The cluster's manual clock.</summary>
    public ManualTimeProvider Time => Cluster.Time;

    /// <summary>Cluster options with <paramref name="probe"/> and the test serializer context, then <paramref name="configure"/>.</summary>
    public static TestClusterOptions CreateOptions(TestProbe probe, Action<ISiloBuilder>? configure = null, string? postgresConnectionString = null)
        => new()
        {
            PostgresConnectionString = postgresConnectionString,
            ConfigureSilo = silo =>
            {
                silo.Services.AddSingleton(probe);
                silo.AddSerializerContext(RuntimeTestJsonContext.Default);
                configure?.Invoke(silo);
            },
        };

    /// <summary>Starts a cluster.</summary>
    public static async Task<TestSilo> StartAsync(Action<ISiloBuilder>? configure = null, string? postgresConnectionString = null)
    {
        var probe = new TestProbe();
        var cluster = await InProcessTestCluster.StartAsync(CreateOptions(probe, configure, postgresConnectionString));
        return new TestSilo(cluster, probe);
    }

    /// <summary>Opens every gate, then stops the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        Probe.ReleaseAll();
        await Cluster.DisposeAsync();
    }
}
