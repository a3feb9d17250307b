namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>Tests that share one <see cref="UsersDashboardServer"/> (sign-in and owners in the browser).</summary>
[CollectionDefinition(Name)]
public sealed class UsersCollection : ICollectionFixture<UsersDashboardServer>
{
    /// <summary>Collection name.</summary>
    public const string Name = "users";
}
