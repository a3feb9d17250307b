using System.Reflection;
using System.Text;
using Npgsql;

namespace TradingRobotPlug.Grains.Hosting;

/// <summary>
/// The PostgreSQL schema behind Orleans' ADO.NET grain storage, clustering and reminders: the scripts of
/// <c>deploy/sql</c> (embedded in this assembly), applied idempotently and checked before a silo starts.
/// </summary>
/// <remarks>
/// <para>
/// Orleans' ADO.NET providers read their SQL from the table <c>orleansquery</c> at start-up; the scripts create that
/// table, the tables behind the queries and the query rows. Everything here is idempotent, so applying the schema
/// again (for instance after an upgrade changed a query) is safe.
/// </para>
/// <para>
/// A database created by the pre-Orleans TradingRobotPlug runtime (it holds a table <c>grain_state</c>) is refused by
/// every method that touches a database: nothing is migrated, a new empty database must be used.
/// </para>
/// </remarks>
public static class TradingPostgresSchema
{
    /// <summary>Prefix of the scripts' manifest resource names (the <c>LogicalName</c> given in the project file).</summary>
    private const string ResourcePrefix = "TradingRobotPlug.Grains.Sql.";

    /// <summary>The table that marks a database of the pre-Orleans runtime.</summary>
    private const string OldRuntimeTable = "grain_state";

    /// <summary>Key of the transaction-scoped advisory lock that serializes concurrent applications ("TRPSQL01").</summary>
    private const long ApplyLockKey = 0x5452_5053_514C_3031;

    /// <summary>The scripts, in the order they are applied. Only these are read; other embedded files are ignored.</summary>
    private static readonly string[] ScriptNames =
    [
        "001_orleans_query.sql",
        "002_grain_storage.sql",
        "003_membership.sql",
        "004_reminders.sql",
    ];

    /// <summary>Tables the queries use; a database lacking one of them is incomplete.</summary>
    private static readonly string[] RequiredTables =
    [
        "orleansquery",
        "orleans_storage",
        "orleans_cluster",
        "orleans_cluster_member",
        "orleans_reminder",
    ];

    private static readonly Lazy<string> LazyScript = new(LoadScript);

    /// <summary>
    /// Every query key the schema provides for the three providers: the four grain-storage keys, the clustering keys
    /// (including <c>CleanupDefunctSiloEntryKey</c>, which Orleans 10.4.2 uses instead of
    /// <c>CleanupDefunctSiloEntriesKey</c> when it exists) and the reminder keys.
    /// </summary>
    public static IReadOnlyList<string> RequiredQueryKeys { get; } =
    [
        // Microsoft.Orleans.Persistence.AdoNet
        "ReadFromStorageKey",
        "WriteToStorageKey",
        "ClearStorageKey",
        "DeleteStorageKey",
        // Microsoft.Orleans.Clustering.AdoNet
        "InsertMembershipVersionKey",
        "MembershipReadAllKey",
        "MembershipReadRowKey",
        "InsertMembershipKey",
        "UpdateMembershipKey",
        "UpdateIAmAlivetimeKey",
        "GatewaysQueryKey",
        "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
        // Microsoft.Orleans.Reminders.AdoNet
        "UpsertReminderRowKey",
        "ReadReminderRowsKey",
        "ReadReminderRowKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
    ];

    /// <summary>
    /// The complete schema: the scripts of <c>deploy/sql</c> (<c>001_orleans_query.sql</c> to <c>004_reminders.sql</c>)
    /// concatenated in order, as embedded in this assembly. It can be run by hand:
    /// <c>psql -v ON_ERROR_STOP=1 -1 -f</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A script is not embedded in this assembly (a build error).</exception>
    public static string Script => LazyScript.Value;

    /// <summary>
    /// Applies <see cref="Script"/> in one transaction, after taking a transaction-scoped advisory lock so silos
    /// starting together apply it one after the other. Idempotent: existing tables and rows are kept, functions,
    /// views and query texts are replaced by this version's.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the target database; the role needs CREATE on its schema.</param>
    /// <param name="ct">Cancels the application; the transaction is rolled back.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">
    /// The database was created by the pre-Orleans runtime (it holds <c>grain_state</c>); nothing was changed. Also
    /// thrown when a script is not embedded in this assembly.
    /// </exception>
    /// <exception cref="NpgsqlException">The server could not be reached or rejected a statement; nothing was changed.</exception>
    public static async Task ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        string script = Script;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", ApplyLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await ThrowIfOldRuntimeAsync(connection, transaction, connectionString, ct).ConfigureAwait(false);

        await using (var scriptCommand = new NpgsqlCommand(script, connection, transaction))
        {
            await scriptCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that the database can host the silos: it is not a database of the pre-Orleans runtime, and it holds
    /// the table <c>orleansquery</c> with every key of <see cref="RequiredQueryKeys"/> and the tables behind them.
    /// Changes nothing.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the database to check.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">
    /// The database was created by the pre-Orleans runtime (it holds <c>grain_state</c>), or the schema is missing or
    /// incomplete; the message names every missing table and query key and the command that applies the schema.
    /// </exception>
    /// <exception cref="NpgsqlException">The server could not be reached or rejected a query.</exception>
    public static async Task VerifyAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await ThrowIfOldRuntimeAsync(connection, transaction: null, connectionString, ct).ConfigureAwait(false);

        var (missingTables, missingKeys) = await FindMissingAsync(connection, ct).ConfigureAwait(false);
        if (missingTables.Count == 0 && missingKeys.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.Append("The PostgreSQL database ").Append(Describe(connectionString))
            .Append(" does not hold the TradingRobotPlug Orleans schema");
        if (missingTables.Contains("orleansquery"))
        {
            message.Append(": the table orleansquery is missing, so every required query key is missing");
        }

        message.Append('.');
        if (missingTables.Count > 0)
        {
            message.Append(" Missing tables: ").Append(string.Join(", ", missingTables)).Append('.');
        }

        if (missingKeys.Count > 0)
        {
            message.Append(" Missing query keys: ").Append(string.Join(", ", missingKeys)).Append('.');
        }

        message.Append(" Apply the schema with: dotnet run --project silo -- schema --apply --postgres \"<connection string>\"")
            .Append(" (idempotent; the SQL is in deploy/sql).");
        throw new InvalidOperationException(message.ToString());
    }

    /// <summary>
    /// What a silo calls at start-up: refuses a database of the pre-Orleans runtime without touching it, applies the
    /// schema (<see cref="ApplyAsync"/>) when a required table or query key is missing, then verifies it
    /// (<see cref="VerifyAsync"/>). A complete schema is left as it is.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the silos' database.</param>
    /// <param name="ct">Cancels the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or blank.</exception>
    /// <exception cref="InvalidOperationException">
    /// The database was created by the pre-Orleans runtime (nothing was changed), or the schema is still incomplete
    /// after applying it, or a script is not embedded in this assembly.
    /// </exception>
    /// <exception cref="NpgsqlException">The server could not be reached or rejected a statement.</exception>
    public static async Task EnsureAsync(string connectionString, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        bool complete;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await ThrowIfOldRuntimeAsync(connection, transaction: null, connectionString, ct).ConfigureAwait(false);
            var (missingTables, missingKeys) = await FindMissingAsync(connection, ct).ConfigureAwait(false);
            complete = missingTables.Count == 0 && missingKeys.Count == 0;
        }

        if (!complete)
        {
            await ApplyAsync(connectionString, ct).ConfigureAwait(false);
        }

        await VerifyAsync(connectionString, ct).ConfigureAwait(false);
    }

    /// <summary>Throws when any schema of the database holds the old runtime's <c>grain_state</c> table.</summary>
    private static async Task ThrowIfOldRuntimeAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string connectionString, CancellationToken ct)
    {
        const string Sql = """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE c.relname = @table
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_temp\_%'
            ORDER BY 1
            LIMIT 1
            """;
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddWithValue("table", OldRuntimeTable);
        if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string table)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database {Describe(connectionString)} was created by the pre-Orleans TradingRobotPlug " +
                $"runtime (it holds the table {table}). Its data is not migrated and the Orleans schema is not added to " +
                "it: use a new, empty database for the Orleans silos (the schema is applied there at start-up, or with " +
                "'dotnet run --project silo -- schema --apply --postgres \"<connection string>\"').");
        }
    }

    /// <summary>The required tables (visible through the search_path, as the providers see them) and query keys that are missing.</summary>
    private static async Task<(List<string> Tables, List<string> Keys)> FindMissingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var missingTables = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT t FROM unnest(@tables) AS t WHERE to_regclass(t) IS NULL", connection))
        {
            command.Parameters.AddWithValue("tables", RequiredTables);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                missingTables.Add(reader.GetString(0));
            }
        }

        if (missingTables.Contains("orleansquery"))
        {
            return (missingTables, [.. RequiredQueryKeys]);
        }

        var presentKeys = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT querykey FROM orleansquery WHERE querykey = ANY(@keys)", connection))
        {
            command.Parameters.AddWithValue("keys", RequiredQueryKeys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                presentKeys.Add(reader.GetString(0));
            }
        }

        return (missingTables, [.. RequiredQueryKeys.Where(key => !presentKeys.Contains(key))]);
    }

    /// <summary>"name on host:port", for messages: never the password.</summary>
    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"'{builder.Database}' on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    private static string LoadScript()
    {
        Assembly assembly = typeof(TradingPostgresSchema).Assembly;
        var script = new StringBuilder();
        foreach (string name in ScriptNames)
        {
            string resource = ResourcePrefix + name;
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException(
                    $"The SQL script '{resource}' is not embedded in {assembly.GetName().Name}: the project must embed " +
                    $"deploy/sql/*.sql with LogicalName=\"{ResourcePrefix}%(Filename)%(Extension)\".");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            script.Append("-- ==== deploy/sql/").Append(name).Append(" ====\n");
            script.Append(reader.ReadToEnd().ReplaceLineEndings("\n"));
            script.Append('\n');
        }

        return script.ToString();
    }
}
