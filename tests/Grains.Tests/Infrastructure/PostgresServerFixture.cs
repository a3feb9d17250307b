using Xunit;

namespace TradingRobotPlug.Grains.Tests.Infrastructure;

/// <summary>
/// xUnit fixture owning one <see cref="PostgresServer"/> for its lifetime. Share it across a test assembly with a
/// collection definition in the test project:
/// <code>
/// [CollectionDefinition(PostgresServerFixture.CollectionName)]
/// public sealed class PostgresCollection : ICollectionFixture&lt;PostgresServerFixture&gt;;
/// </code>
/// then mark test classes <c>[Collection(PostgresServerFixture.CollectionName)]</c> and take the fixture by
/// constructor. (It also works as an <c>IClassFixture</c>, starting one server per class.)
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>The conventional collection name for tests sharing the server.</summary>
    public const string CollectionName = "Postgres";

    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">Accessed before xUnit initialised the fixture.</exception>
    public PostgresServer Server =>
        _server ?? throw new InvalidOperationException($"{nameof(PostgresServerFixture)} has not been initialised.");

    /// <summary>Connection string of the server's shared test database; prefer <see cref="CreateDatabaseAsync"/> for isolation.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>Creates an isolated empty database; see <see cref="PostgresServer.CreateDatabaseAsync"/>.</summary>
    /// <param name="name">Name prefix: <c>[a-z_][a-z0-9_]*</c>, at most 40 characters; a unique suffix is appended.</param>
    /// <returns>The new database's connection string.</returns>
    public Task<string> CreateDatabaseAsync(string name) => Server.CreateDatabaseAsync(name);

    /// <summary>Starts the server (or attaches to <c>TRP_POSTGRES_CONNECTION</c>).</summary>
    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync().ConfigureAwait(false);

    /// <summary>Stops and deletes the server.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
