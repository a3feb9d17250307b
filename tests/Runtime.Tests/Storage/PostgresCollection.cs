using TradingRobotPlug.Runtime.TestingHost;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>Test classes marked <c>[Collection(PostgresServerFixture.CollectionName)]</c> share one PostgreSQL server per test run.</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
