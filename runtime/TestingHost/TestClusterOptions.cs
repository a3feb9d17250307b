using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Runtime.TestingHost;

/// <summary>How an <see cref="InProcessTestCluster"/> is configured.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Silo configuration applied after the defaults (in-memory "Default" storage, memory streams named <see cref="StreamProviderName"/>).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>When set, "Default" grain storage is PostgreSQL at this connection string instead of memory.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Name of the in-memory stream provider added by default. Default "Default".</summary>
    public string StreamProviderName { get; set; } = "Default";

    /// <summary>The clock. Default: a new <see cref="ManualTimeProvider"/>, so timeouts and idle collection happen only when a test advances it.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
