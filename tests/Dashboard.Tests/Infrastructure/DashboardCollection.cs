namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>Tests that share one <see cref="DashboardServer"/> (the market replay is one per process, so they run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    /// <summary>Collection name.</summary>
    public const string Name = "dashboard";
}
