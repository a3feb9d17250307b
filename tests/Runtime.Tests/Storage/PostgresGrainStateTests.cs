using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary><see cref="GrainStateTests"/> against PostgreSQL storage (a fresh database per test).</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGrainStateTests(PostgresServerFixture fixture) : GrainStateTests
{
    protected override async Task<TestSilo> StartSiloAsync()
        => await TestSilo.StartAsync(postgresConnectionString: await fixture.CreateDatabaseAsync("grain_state_it"));
}
