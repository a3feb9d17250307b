using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Cluster.Tests;

/// <summary>The cluster tests share one throwaway PostgreSQL server (or the one named by <c>TRP_POSTGRES_CONNECTION</c>).</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
