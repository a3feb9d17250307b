using Npgsql;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.Tests.Infrastructure;
using TradingRobotPlug.Silo;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>
/// What an operator sees of the PostgreSQL schema: the silo applies it to an empty database at start-up, refuses a
/// database of the pre-Orleans runtime without touching it, and the <c>schema</c> verb prints, verifies and applies it.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class BacktestDatabaseTests(PostgresServerFixture postgres) : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "trp-db-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private BacktestOptions Options(string database) => new(
        BacktestOptions.DefaultDataPath, "SPX", ["buy-and-hold"], 100_000m, 0m, 0m, null, _out, false, database);

    [Fact]
    public async Task A_database_of_the_old_runtime_is_refused_with_exit_2_and_left_as_it_was()
    {
        string database = await postgres.CreateDatabaseAsync("old_runtime");
        await ExecuteAsync(database, "CREATE TABLE grain_state (grain_type text, grain_key text, state_name text, payload jsonb, etag bigint)");

        var stderr = new StringWriter();
        int exit = await BacktestRunner.RunAsync(Options(database), new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("grain_state", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("new", stderr.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orleansquery'"));
        Assert.False(File.Exists(Path.Combine(_out, "summary.json")));
    }

    [Fact]
    public async Task A_backtest_on_an_empty_database_applies_the_schema_and_stores_plain_json_state()
    {
        string database = await postgres.CreateDatabaseAsync("fresh_backtest");

        var stderr = new StringWriter();
        Assert.True(await BacktestRunner.RunAsync(Options(database), new StringWriter(), stderr) == 0, stderr.ToString());

        await TradingPostgresSchema.VerifyAsync(database);
        // The strategy's row is JSON that psql can read: its settings carry the spec as text and the status as a name.
        string json = (string)(await ScalarAsync(database, "SELECT convert_from(payload, 'UTF8') FROM orleans_storage WHERE state_name = 'strategy'"))!;
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("buy-and-hold", document.RootElement.GetProperty("Settings").GetProperty("Spec").GetString());
        Assert.Equal("Running", document.RootElement.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task The_schema_verb_prints_verifies_and_applies()
    {
        var printed = new StringWriter();
        Assert.Equal(0, await SchemaCommand.RunAsync(null, apply: false, printed, new StringWriter(), CancellationToken.None));
        Assert.Equal(TradingPostgresSchema.Script, printed.ToString());

        string database = await postgres.CreateDatabaseAsync("schema_verb");
        var missing = new StringWriter();
        Assert.Equal(2, await SchemaCommand.RunAsync(database, apply: false, new StringWriter(), missing, CancellationToken.None));
        Assert.Contains("WriteToStorageKey", missing.ToString(), StringComparison.Ordinal);

        var applied = new StringWriter();
        Assert.Equal(0, await SchemaCommand.RunAsync(database, apply: true, applied, new StringWriter(), CancellationToken.None));
        Assert.Equal(0, await SchemaCommand.RunAsync(database, apply: true, new StringWriter(), new StringWriter(), CancellationToken.None));
        Assert.Equal(0, await SchemaCommand.RunAsync(database, apply: false, new StringWriter(), new StringWriter(), CancellationToken.None));
        Assert.Equal((long)TradingPostgresSchema.RequiredQueryKeys.Count, await ScalarAsync(database, $"SELECT count(*) FROM orleansquery WHERE querykey = ANY(@keys)", TradingPostgresSchema.RequiredQueryKeys.ToArray()));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, string[]? keys = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (keys is not null)
        {
            command.Parameters.AddWithValue("keys", keys);
        }

        return await command.ExecuteScalarAsync();
    }
}
