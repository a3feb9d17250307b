using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>Test classes marked <c>[Collection(PostgresServerFixture.CollectionName)]</c> share one PostgreSQL server per test run
/// (the one named by <c>TRP_POSTGRES_CONNECTION</c>, or a private one); each test takes its own database.</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
