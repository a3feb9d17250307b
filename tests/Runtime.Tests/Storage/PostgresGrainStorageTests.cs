using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Storage.Postgres;
using TradingRobotPlug.Runtime.TestingHost;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>
/// Direct tests of <see cref="PostgresGrainStorage"/> against a real PostgreSQL server (a throwaway one, or the one
/// named by <c>TRP_POSTGRES_CONNECTION</c>). Every test gets its own empty database.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresGrainStorageTests(PostgresServerFixture fixture) : IAsyncLifetime
{
    private const string StorageName = "pg-tests";
    private const string StateName = "counter";

    private static readonly GrainId Grain = GrainId.Create("counter", "AAPL");

    private readonly List<PostgresGrainStorage> _storages = [];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await fixture.CreateDatabaseAsync("grain_storage");

    public async Task DisposeAsync()
    {
        foreach (PostgresGrainStorage storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadStateAsync_NoRecord_ReturnsNewStateWithoutETag()
    {
        PostgresGrainStorage storage = CreateStorage();
        var state = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 42 }, ETag = "7", RecordExists = true };

        await storage.ReadStateAsync(StateName, Grain, state);

        Assert.Equal(0, state.State.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_ThenReadIntoFreshState_RoundTripsAndAdvancesETagPerWrite()
    {
        PostgresGrainStorage storage = CreateStorage();
        var writer = new PostgresTestGrainState<PostgresCounterState>
        {
            State = { Count = 3, Label = "first", Prices = [101.25m, 99.5m] },
        };

        await storage.WriteStateAsync(StateName, Grain, writer);

        Assert.Equal("1", writer.ETag);
        Assert.True(writer.RecordExists);
        PostgresTestGrainState<PostgresCounterState> firstRead = await ReadFreshAsync(storage, Grain);
        Assert.True(firstRead.RecordExists);
        Assert.Equal("1", firstRead.ETag);
        Assert.Equal(3, firstRead.State.Count);
        Assert.Equal("first", firstRead.State.Label);
        Assert.Equal([101.25m, 99.5m], firstRead.State.Prices);

        writer.State.Count = 4;
        writer.State.Label = "second";
        await storage.WriteStateAsync(StateName, Grain, writer);

        Assert.Equal("2", writer.ETag);
        PostgresTestGrainState<PostgresCounterState> secondRead = await ReadFreshAsync(storage, Grain);
        Assert.Equal("2", secondRead.ETag);
        Assert.Equal(4, secondRead.State.Count);
        Assert.Equal("second", secondRead.State.Label);
    }

    [Fact]
    public async Task WriteStateAsync_TwoHoldersOfSameETag_FirstWinsSecondThrows()
    {
        PostgresGrainStorage storage = CreateStorage();
        await storage.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } });
        PostgresTestGrainState<PostgresCounterState> first = await ReadFreshAsync(storage, Grain);
        PostgresTestGrainState<PostgresCounterState> second = await ReadFreshAsync(storage, Grain);

        first.State.Count = 10;
        await storage.WriteStateAsync(StateName, Grain, first);
        second.State.Count = 20;
        InconsistentStateException conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, second));

        Assert.Equal("2", conflict.StoredETag);
        Assert.Equal("1", conflict.CurrentETag);
        Assert.Equal("1", second.ETag);
        Assert.Contains(StorageName, conflict.Message, StringComparison.Ordinal);
        PostgresTestGrainState<PostgresCounterState> stored = await ReadFreshAsync(storage, Grain);
        Assert.Equal(10, stored.State.Count);
        Assert.Equal("2", stored.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_UnknownETagFormat_ThrowsInconsistentState()
    {
        PostgresGrainStorage storage = CreateStorage();
        await storage.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>());
        var foreign = new PostgresTestGrainState<PostgresCounterState> { ETag = "W/\"abc\"" };

        InconsistentStateException conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain, foreign));

        Assert.Equal("1", conflict.StoredETag);
        Assert.Equal("W/\"abc\"", conflict.CurrentETag);
    }

    [Fact]
    public async Task WriteStateAsync_TwoConcurrentInsertsWithoutETag_ExactlyOneWins()
    {
        // Two providers (two connection pools) race to create the same record.
        PostgresGrainStorage left = CreateStorage();
        PostgresGrainStorage right = CreateStorage();
        var leftState = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } };
        var rightState = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 2 } };

        Exception?[] outcomes = await Task.WhenAll(
            CaptureAsync(() => left.WriteStateAsync(StateName, Grain, leftState)),
            CaptureAsync(() => right.WriteStateAsync(StateName, Grain, rightState)));

        Assert.Single(outcomes, outcome => outcome is null);
        InconsistentStateException loser = Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, outcome => outcome is not null));
        Assert.Equal("1", loser.StoredETag);
        Assert.Null(loser.CurrentETag);
        int winnerCount = outcomes[0] is null ? 1 : 2;
        PostgresTestGrainState<PostgresCounterState> stored = await ReadFreshAsync(left, Grain);
        Assert.Equal(winnerCount, stored.State.Count);
        Assert.Equal("1", stored.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_ThenRead_FindsNoRecordAndAllowsReinsert()
    {
        PostgresGrainStorage storage = CreateStorage();
        var state = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 5, Label = "x" } };
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.Equal(0, state.State.Count);
        Assert.Null(state.State.Label);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        PostgresTestGrainState<PostgresCounterState> read = await ReadFreshAsync(storage, Grain);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM grain_state"));

        state.State.Count = 6;
        await storage.WriteStateAsync(StateName, Grain, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task ClearStateAsync_NoRecordAndNoETag_Succeeds()
    {
        PostgresGrainStorage storage = CreateStorage();
        var state = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 9 } };

        await storage.ClearStateAsync(StateName, Grain, state);

        Assert.Equal(0, state.State.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ClearStateAsync_StaleETag_ThrowsAndKeepsRecord()
    {
        PostgresGrainStorage storage = CreateStorage();
        var stale = new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } };
        await storage.WriteStateAsync(StateName, Grain, stale);
        PostgresTestGrainState<PostgresCounterState> current = await ReadFreshAsync(storage, Grain);
        current.State.Count = 2;
        await storage.WriteStateAsync(StateName, Grain, current);

        InconsistentStateException conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, Grain, stale));

        Assert.Equal("2", conflict.StoredETag);
        Assert.Equal("1", conflict.CurrentETag);
        Assert.Equal(1, stale.State.Count);
        Assert.Equal("1", stale.ETag);
        PostgresTestGrainState<PostgresCounterState> stored = await ReadFreshAsync(storage, Grain);
        Assert.Equal(2, stored.State.Count);
    }

    [Fact]
    public async Task ClearStateAsync_RecordExistsButCallerHasNoETag_Throws()
    {
        PostgresGrainStorage storage = CreateStorage();
        await storage.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>());

        InconsistentStateException conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>()));

        Assert.Equal("1", conflict.StoredETag);
        Assert.Null(conflict.CurrentETag);
    }

    [Fact]
    public async Task ClearStateAsync_RecordAlreadyDeletedByAnotherWriter_Throws()
    {
        PostgresGrainStorage storage = CreateStorage();
        var first = new PostgresTestGrainState<PostgresCounterState>();
        await storage.WriteStateAsync(StateName, Grain, first);
        PostgresTestGrainState<PostgresCounterState> second = await ReadFreshAsync(storage, Grain);
        await storage.ClearStateAsync(StateName, Grain, first);

        InconsistentStateException conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, Grain, second));

        Assert.Null(conflict.StoredETag);
        Assert.Equal("1", conflict.CurrentETag);
    }

    [Fact]
    public async Task ReadStateAsync_PayloadNotMatchingStateType_ThrowsNamingGrainStateAndStorage()
    {
        PostgresGrainStorage storage = CreateStorage();
        GrainId grain = GrainId.Create("counter", "CORRUPT-1");
        await storage.ReadStateAsync(StateName, grain, new PostgresTestGrainState<PostgresCounterState>()); // creates the table
        await ExecuteAsync(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, etag) VALUES (@t, @k, @s, @p::jsonb, 1)",
            ("t", grain.Type), ("k", grain.Key), ("s", StateName), ("p", """{"Count":"x"}"""));
        var state = new PostgresTestGrainState<PostgresCounterState>();

        GrainStateSerializationException error = await Assert.ThrowsAsync<GrainStateSerializationException>(
            () => storage.ReadStateAsync(StateName, grain, state));

        Assert.Contains("'counter'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'CORRUPT-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{StateName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{StorageName}'", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ReadStateAsync_PayloadJsonNull_ThrowsSerializationException()
    {
        PostgresGrainStorage storage = CreateStorage();
        await storage.ReadStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>());
        await ExecuteAsync(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, etag) VALUES (@t, @k, @s, 'null'::jsonb, 1)",
            ("t", Grain.Type), ("k", Grain.Key), ("s", StateName));

        GrainStateSerializationException error = await Assert.ThrowsAsync<GrainStateSerializationException>(
            () => storage.ReadStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>()));

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task FirstUse_CreatesConfiguredTable()
    {
        const string Table = "auto_created_state";
        Assert.False(await ScalarAsync<bool>($"SELECT to_regclass('{Table}') IS NOT NULL"));
        PostgresGrainStorage storage = CreateStorage(Table);

        await storage.ReadStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>());

        Assert.True(await ScalarAsync<bool>($"SELECT to_regclass('{Table}') IS NOT NULL"));
        Assert.Equal("grain_type,grain_key,state_name", await PrimaryKeyColumnsAsync(Table));
        await storage.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } });
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM {Table}"));
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('grain_state') IS NOT NULL"));
    }

    [Fact]
    public async Task FirstUse_ManyProvidersAtOnce_CreateTableWithoutError()
    {
        const string Table = "raced_state";
        PostgresGrainStorage[] storages = Enumerable.Range(0, 6).Select(_ => CreateStorage(Table)).ToArray();

        await Task.WhenAll(storages.Select((storage, i) => storage.WriteStateAsync(
            StateName,
            GrainId.Create("counter", $"RACE-{i}"),
            new PostgresTestGrainState<PostgresCounterState> { State = { Count = i } })));

        Assert.Equal(6L, await ScalarAsync<long>($"SELECT count(*) FROM {Table}"));
    }

    [Fact]
    public async Task SchemaQualifiedTableName_IsCreatedInThatSchema()
    {
        await ExecuteAsync("CREATE SCHEMA trading");
        PostgresGrainStorage storage = CreateStorage("trading.grain_state");

        await storage.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 8 } });

        Assert.Equal(8, (await ReadFreshAsync(storage, Grain)).State.Count);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM trading.grain_state"));
        Assert.False(await ScalarAsync<bool>("SELECT to_regclass('public.grain_state') IS NOT NULL"));
    }

    [Fact]
    public async Task CreateSchemaDisabled_TableMissing_ThrowsUndefinedTable()
    {
        PostgresGrainStorage storage = CreateStorage(createSchema: false);

        PostgresException error = await Assert.ThrowsAsync<PostgresException>(
            () => storage.ReadStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState>()));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
    }

    [Fact]
    public async Task DeploymentScript_CreatesTheTableTheProviderCreates()
    {
        await ExecuteAsync(await File.ReadAllTextAsync(FindDeploymentScript()));
        PostgresGrainStorage scripted = CreateStorage(createSchema: false);
        PostgresGrainStorage automatic = CreateStorage("auto_grain_state");

        await scripted.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } });
        await automatic.WriteStateAsync(StateName, Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } });

        Assert.Equal(1, (await ReadFreshAsync(scripted, Grain)).State.Count);
        Assert.Equal(await ColumnsAsync("grain_state"), await ColumnsAsync("auto_grain_state"));
        Assert.Equal(await PrimaryKeyColumnsAsync("grain_state"), await PrimaryKeyColumnsAsync("auto_grain_state"));
    }

    [Fact]
    public async Task KeysWithQuotesAndSql_AreStoredVerbatim()
    {
        const string Key = "O'Brien\"; DROP TABLE grain_state; --";
        const string State = "st'ate\"\\";
        GrainId grain = GrainId.Create("we'ird\"type", Key);
        PostgresGrainStorage storage = CreateStorage();

        await storage.WriteStateAsync(State, grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 13, Label = Key } });

        PostgresTestGrainState<PostgresCounterState> read = await ReadFreshAsync(storage, grain, State);
        Assert.True(read.RecordExists);
        Assert.Equal(13, read.State.Count);
        Assert.Equal(Key, read.State.Label);
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM grain_state WHERE grain_type = @t AND grain_key = @k AND state_name = @s",
            ("t", grain.Type), ("k", Key), ("s", State)));
        Assert.False((await ReadFreshAsync(storage, GrainId.Create(grain.Type, "O'Brien"), State)).RecordExists);
    }

    [Fact]
    public async Task DifferentStateNamesAndGrainTypes_AreSeparateRecords()
    {
        PostgresGrainStorage storage = CreateStorage();
        GrainId other = GrainId.Create("portfolio", Grain.Key);

        await storage.WriteStateAsync("a", Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 1 } });
        await storage.WriteStateAsync("b", Grain, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 2 } });
        await storage.WriteStateAsync("a", other, new PostgresTestGrainState<PostgresCounterState> { State = { Count = 3 } });

        Assert.Equal(1, (await ReadFreshAsync(storage, Grain, "a")).State.Count);
        Assert.Equal(2, (await ReadFreshAsync(storage, Grain, "b")).State.Count);
        Assert.Equal(3, (await ReadFreshAsync(storage, other, "a")).State.Count);
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static string FindDeploymentScript()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "deploy", "sql", "001_grain_state.sql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"deploy/sql/001_grain_state.sql not found above {AppContext.BaseDirectory}.");
    }

    private static async Task<PostgresTestGrainState<PostgresCounterState>> ReadFreshAsync(
        PostgresGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var state = new PostgresTestGrainState<PostgresCounterState>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private PostgresGrainStorage CreateStorage(string tableName = "grain_state", bool createSchema = true)
    {
        var storage = new PostgresGrainStorage(
            StorageName,
            new PostgresGrainStorageOptions { ConnectionString = _connectionString, TableName = tableName, CreateSchema = createSchema },
            PostgresTestJsonContext.Default.Options,
            NullLogger<PostgresGrainStorage>.Instance);
        _storages.Add(storage);
        return storage;
    }

    private async Task<string> ColumnsAsync(string table) => await ScalarAsync<string>(
        """
        SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), ', ' ORDER BY ordinal_position)
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table
        """,
        ("table", table));

    private async Task<string> PrimaryKeyColumnsAsync(string table) => await ScalarAsync<string>(
        """
        SELECT string_agg(a.attname, ',' ORDER BY k.ordinality)
        FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = to_regclass(@table) AND i.indisprimary
        """,
        ("table", table));

    private async Task ExecuteAsync(string sql, params (string Name, string Value)[] parameters)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        foreach ((string name, string value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, string Value)[] parameters)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(_connectionString);
        await using NpgsqlCommand command = dataSource.CreateCommand(sql);
        foreach ((string name, string value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
