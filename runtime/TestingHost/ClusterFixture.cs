using Xunit;

namespace TradingRobotPlug.Runtime.TestingHost;

/// <summary>
/// xunit fixture sharing one in-memory <see cref="InProcessTestCluster"/> across a test class or collection.
/// Tests use their own grain keys so they never depend on each other's data.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>Options for the cluster; override to configure the silo.</summary>
    protected virtual TestClusterOptions CreateOptions() => new();

    /// <inheritdoc/>
    public async Task InitializeAsync() => _cluster = await InProcessTestCluster.StartAsync(CreateOptions());

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
