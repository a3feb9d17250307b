namespace TradingRobotPlug.Runtime.Storage.Postgres;

/// <summary>
/// Settings of one named <see cref="PostgresGrainStorage"/> provider. Checked by
/// <see cref="PostgresGrainStorageOptionsValidator"/> when the options are resolved and again by the provider's
/// constructor.
/// </summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>The default value of <see cref="TableName"/>.</summary>
    internal const string DefaultTableName = "grain_state";

    /// <summary>The default value of <see cref="CreateSchema"/>.</summary>
    internal const bool DefaultCreateSchema = true;

    /// <summary>
    /// Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=trp;Password=…;Database=trp</c>.
    /// Required; must parse as an Npgsql connection string.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Table holding the records: a lower-case SQL identifier (<c>[a-z_][a-z0-9_]*</c>, at most 63 characters),
    /// optionally qualified by an existing schema (<c>schema.table</c>). Default <c>grain_state</c>.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Whether the provider creates the table on first use when it does not exist (default true). Creation is
    /// serialised across processes with a transaction-scoped advisory lock and skipped when the table already exists,
    /// so a role without CREATE privilege works against a table made by <c>deploy/sql/001_grain_state.sql</c>.
    /// Set to false when the schema is managed by deployment scripts only.
    /// </summary>
    public bool CreateSchema { get; set; } = DefaultCreateSchema;
}
