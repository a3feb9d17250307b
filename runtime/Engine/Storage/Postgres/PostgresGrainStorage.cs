using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace TradingRobotPlug.Runtime.Storage.Postgres;

/// <summary>
/// A named <see cref="IGrainStorage"/> keeping each state as one JSON (<c>jsonb</c>) row of a PostgreSQL table, keyed
/// by (grain type, grain key, state name) and versioned by a <c>bigint</c> counter for optimistic concurrency.
/// </summary>
/// <remarks>
/// <para>
/// The ETag is the row's version as an invariant decimal string: <c>"1"</c> after the first write, incremented by
/// one on every write. A null ETag means "no record". A write with a null ETag inserts and fails when a record
/// exists; a write or clear with an ETag succeeds only when the stored version equals it. A failed comparison throws
/// <see cref="InconsistentStateException"/> with the stored ETag (null when no record) and the caller's ETag.
/// </para>
/// <para>
/// The table layout is the one in <c>deploy/sql/001_grain_state.sql</c>. With
/// <see cref="PostgresGrainStorageOptions.CreateSchema"/> the provider creates it on first use. All values travel as
/// parameters; only the validated table name is part of the SQL text.
/// </para>
/// <para>Thread-safe. Dispose to close the pooled connections.</para>
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    private const string OperationWrite = "write";
    private const string OperationClear = "clear";

    private readonly string _name;
    private readonly PostgresGrainStorageOptions _options;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly string _readSql;
    private readonly string _insertSql;
    private readonly string _updateSql;
    private readonly string _deleteSql;
    private readonly string _etagSql;
    private volatile bool _schemaReady;

    /// <summary>Creates the provider and its connection pool; connects lazily on first use.</summary>
    /// <param name="name">Storage provider name used in logs and error messages, e.g. <c>Default</c>; non-empty.</param>
    /// <param name="options">Connection and table settings; validated with <see cref="PostgresGrainStorageOptionsValidator"/>.</param>
    /// <param name="serializerOptions">
    /// Serializer options whose type-info resolver knows every state type stored through this provider (e.g. a
    /// source-generated <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>).
    /// </param>
    /// <param name="logger">Logger for reads and writes (debug) and conflicts (warning).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> are invalid; the message names the setting.</exception>
    public PostgresGrainStorage(
        string name,
        PostgresGrainStorageOptions options,
        JsonSerializerOptions serializerOptions,
        ILogger<PostgresGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializerOptions);
        ArgumentNullException.ThrowIfNull(logger);

        ValidateOptionsResult validation = new PostgresGrainStorageOptionsValidator().Validate(name, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(name, typeof(PostgresGrainStorageOptions), validation.Failures);
        }

        _name = name;
        _options = new PostgresGrainStorageOptions
        {
            ConnectionString = options.ConnectionString,
            TableName = options.TableName,
            CreateSchema = options.CreateSchema,
        };
        _serializerOptions = serializerOptions;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(_options.ConnectionString);

        string table = QuoteTableName(_options.TableName);
        const string Key = "grain_type = @grain_type AND grain_key = @grain_key AND state_name = @state_name";
        _readSql = $"SELECT payload, etag FROM {table} WHERE {Key}";
        _insertSql =
            $"INSERT INTO {table} (grain_type, grain_key, state_name, payload, etag, modified_utc) " +
            "VALUES (@grain_type, @grain_key, @state_name, @payload, 1, now()) " +
            "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING RETURNING etag";
        _updateSql =
            $"UPDATE {table} SET payload = @payload, etag = etag + 1, modified_utc = now() " +
            $"WHERE {Key} AND etag = @etag RETURNING etag";
        _deleteSql = $"DELETE FROM {table} WHERE {Key} AND etag = @etag";
        _etagSql = $"SELECT etag FROM {table} WHERE {Key}";
    }

    /// <summary>The storage provider name.</summary>
    public string Name => _name;

    /// <inheritdoc />
    /// <exception cref="NpgsqlException">The database could not be reached or rejected the statement.</exception>
    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureSchemaAsync().ConfigureAwait(false);

        byte[]? payload = null;
        long version = 0;
        await using (NpgsqlCommand command = CreateKeyedCommand(_readSql, stateName, grainId))
        {
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                payload = await reader.GetFieldValueAsync<byte[]>(0).ConfigureAwait(false);
                version = reader.GetInt64(1);
            }
        }

        if (payload is null)
        {
            grainState.State = CreateDefault<TState>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = Deserialize<TState>(payload, stateName, grainId);
            grainState.ETag = FormatETag(version);
            grainState.RecordExists = true;
        }

        _logger.LogDebugStateRead(_name, stateName, grainId, grainState.RecordExists, grainState.ETag);
    }

    /// <inheritdoc />
    /// <exception cref="GrainStateSerializationException">The state cannot be serialized with the configured serializer options.</exception>
    /// <exception cref="NpgsqlException">The database could not be reached or rejected the statement.</exception>
    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        byte[] payload = Serialize(grainState.State, stateName, grainId);
        await EnsureSchemaAsync().ConfigureAwait(false);

        string? currentETag = grainState.ETag;
        long? newVersion = null;
        if (currentETag is null)
        {
            await using NpgsqlCommand command = CreateKeyedCommand(_insertSql, stateName, grainId);
            command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Jsonb) { TypedValue = payload });
            newVersion = (long?)await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
        else if (TryParseETag(currentETag, out long expected))
        {
            await using NpgsqlCommand command = CreateKeyedCommand(_updateSql, stateName, grainId);
            command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Jsonb) { TypedValue = payload });
            command.Parameters.Add(new NpgsqlParameter<long>("etag", NpgsqlDbType.Bigint) { TypedValue = expected });
            newVersion = (long?)await command.ExecuteScalarAsync().ConfigureAwait(false);
        }

        if (newVersion is not { } version)
        {
            throw await CreateConflictAsync(OperationWrite, stateName, grainId, currentETag).ConfigureAwait(false);
        }

        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
        _logger.LogDebugStateWritten(_name, stateName, grainId, currentETag, grainState.ETag);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Clearing with a null ETag succeeds only when no record exists; clearing with an ETag succeeds only when the
    /// stored version equals it. Afterwards the state is a new default value, the ETag null and
    /// <see cref="IGrainState{TState}.RecordExists"/> false.
    /// </remarks>
    /// <exception cref="NpgsqlException">The database could not be reached or rejected the statement.</exception>
    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await EnsureSchemaAsync().ConfigureAwait(false);

        string? currentETag = grainState.ETag;
        int deleted = 0;
        if (currentETag is not null && TryParseETag(currentETag, out long expected))
        {
            await using NpgsqlCommand command = CreateKeyedCommand(_deleteSql, stateName, grainId);
            command.Parameters.Add(new NpgsqlParameter<long>("etag", NpgsqlDbType.Bigint) { TypedValue = expected });
            deleted = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        if (deleted == 0)
        {
            // Nothing deleted: fine only when the caller believed there was no record and there is none.
            string? storedETag = await ReadStoredETagAsync(stateName, grainId).ConfigureAwait(false);
            if (storedETag is not null || currentETag is not null)
            {
                throw Conflict(OperationClear, stateName, grainId, storedETag, currentETag);
            }
        }

        grainState.State = CreateDefault<TState>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        _logger.LogDebugStateCleared(_name, stateName, grainId, currentETag);
    }

    /// <summary>Closes the connection pool. Calls after disposal fail with <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    /// <summary>Closes the connection pool synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaGate.Dispose();
    }

    /// <summary>
    /// The table definition, identical (up to the table name) to <c>deploy/sql/001_grain_state.sql</c>.
    /// </summary>
    /// <param name="quotedTableName">The table name, already validated and quoted.</param>
    internal static string CreateTableSql(string quotedTableName) =>
        $"""
        CREATE TABLE IF NOT EXISTS {quotedTableName} (
            grain_type   text        NOT NULL,
            grain_key    text        NOT NULL,
            state_name   text        NOT NULL,
            payload      jsonb       NOT NULL,
            etag         bigint      NOT NULL,
            modified_utc timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name)
        )
        """;

    /// <summary>Quotes each part of a validated <c>table</c> or <c>schema.table</c> name.</summary>
    internal static string QuoteTableName(string tableName) =>
        string.Join('.', tableName.Split('.').Select(part => $"\"{part}\""));

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseETag(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    private static TState CreateDefault<TState>() => Activator.CreateInstance<TState>();

    /// <summary>64-bit FNV-1a of the UTF-8 text; a stable advisory-lock key across processes and versions.</summary>
    private static long StableLockKey(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }

    private NpgsqlCommand CreateKeyedCommand(string sql, string stateName, GrainId grainId)
    {
        NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("grain_type", NpgsqlDbType.Text) { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string>("grain_key", NpgsqlDbType.Text) { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string>("state_name", NpgsqlDbType.Text) { TypedValue = stateName });
        return command;
    }

    private async Task<string?> ReadStoredETagAsync(string stateName, GrainId grainId)
    {
        await using NpgsqlCommand command = CreateKeyedCommand(_etagSql, stateName, grainId);
        object? stored = await command.ExecuteScalarAsync().ConfigureAwait(false);
        return stored is long version ? FormatETag(version) : null;
    }

    private async Task<InconsistentStateException> CreateConflictAsync(
        string operation, string stateName, GrainId grainId, string? currentETag)
    {
        string? storedETag = await ReadStoredETagAsync(stateName, grainId).ConfigureAwait(false);
        return Conflict(operation, stateName, grainId, storedETag, currentETag);
    }

    private InconsistentStateException Conflict(
        string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag)
    {
        _logger.LogWarningETagConflict(_name, operation, stateName, grainId, storedETag, currentETag);
        return new InconsistentStateException(
            $"Version conflict on {operation} of state '{stateName}' of grain '{grainId}' in storage '{_name}': " +
            $"stored ETag '{storedETag ?? "<none>"}', current ETag '{currentETag ?? "<none>"}'.",
            storedETag,
            currentETag);
    }

    private byte[] Serialize<TState>(TState state, string stateName, GrainId grainId)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(state, GetTypeInfo<TState>());
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new GrainStateSerializationException(
                $"State '{stateName}' ({typeof(TState).FullName}) of grain type '{grainId.Type}', key '{grainId.Key}' " +
                $"could not be serialized for storage '{_name}': {ex.Message}",
                ex);
        }
    }

    private TState Deserialize<TState>(byte[] payload, string stateName, GrainId grainId)
    {
        try
        {
            TState? state = JsonSerializer.Deserialize(payload, GetTypeInfo<TState>());
            return state ?? throw new JsonException("The stored payload is JSON null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new GrainStateSerializationException(
                $"State '{stateName}' ({typeof(TState).FullName}) of grain type '{grainId.Type}', key '{grainId.Key}' " +
                $"in storage '{_name}' could not be deserialized: {ex.Message}",
                ex);
        }
    }

    private JsonTypeInfo<TState> GetTypeInfo<TState>() =>
        (JsonTypeInfo<TState>)_serializerOptions.GetTypeInfo(typeof(TState));

    private async ValueTask EnsureSchemaAsync()
    {
        if (!_options.CreateSchema || _schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await CreateSchemaAsync().ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task CreateSchemaAsync()
    {
        string quoted = QuoteTableName(_options.TableName);
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);

        // Checking first lets a role without CREATE privilege use a table made by the deployment script.
        await using (NpgsqlCommand exists = new("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string>("table", NpgsqlDbType.Text) { TypedValue = quoted });
            if ((bool)(await exists.ExecuteScalarAsync().ConfigureAwait(false))!)
            {
                _logger.LogInformationTableEnsured(_name, _options.TableName);
                return;
            }
        }

        // Concurrent CREATE TABLE IF NOT EXISTS can fail on the catalog's unique index; a transaction-scoped advisory
        // lock per table name serialises creators across processes.
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (NpgsqlCommand lockCommand = new("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            long key = StableLockKey("TradingRobotPlug.PostgresGrainStorage:" + _options.TableName);
            lockCommand.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = key });
            await lockCommand.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using (NpgsqlCommand create = new(CreateTableSql(quoted), connection, transaction))
        {
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        _logger.LogInformationTableEnsured(_name, _options.TableName);
    }
}
