using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TradingRobotPlug.Runtime.Storage.Postgres;

/// <summary>
/// Validates named <see cref="PostgresGrainStorageOptions"/>; the option name is the storage provider name. Each
/// failure names the bad setting and the storage, e.g.
/// <c>PostgresGrainStorageOptions.ConnectionString is required for storage 'Default'.</c>
/// </summary>
public sealed partial class PostgresGrainStorageOptionsValidator : IValidateOptions<PostgresGrainStorageOptions>
{
    /// <summary>Longest identifier PostgreSQL keeps without truncation (NAMEDATALEN - 1), in bytes.</summary>
    private const int MaxIdentifierLength = 63;

    /// <summary>Validates <paramref name="options"/> of the storage named <paramref name="name"/>.</summary>
    /// <param name="name">Storage provider name (the named-options name); null or empty is reported as <c>Default</c>.</param>
    /// <param name="options">The options to check.</param>
    /// <returns>Success, or a failure listing every bad setting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public ValidateOptionsResult Validate(string? name, PostgresGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string storage = string.IsNullOrEmpty(name) ? "Default" : name;
        List<string>? failures = null;

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            (failures ??= []).Add(
                $"{nameof(PostgresGrainStorageOptions)}.{nameof(PostgresGrainStorageOptions.ConnectionString)} is required for storage '{storage}'.");
        }
        else if (DescribeConnectionStringError(options.ConnectionString) is { } error)
        {
            (failures ??= []).Add(
                $"{nameof(PostgresGrainStorageOptions)}.{nameof(PostgresGrainStorageOptions.ConnectionString)} of storage '{storage}' is not a valid Npgsql connection string: {error}");
        }

        if (!IsValidTableName(options.TableName))
        {
            (failures ??= []).Add(
                $"{nameof(PostgresGrainStorageOptions)}.{nameof(PostgresGrainStorageOptions.TableName)} '{options.TableName}' of storage '{storage}' " +
                $"must be a lower-case identifier [a-z_][a-z0-9_]* of at most {MaxIdentifierLength} characters, optionally 'schema.table'.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether <paramref name="tableName"/> is <c>table</c> or <c>schema.table</c> of safe lower-case identifiers.</summary>
    internal static bool IsValidTableName(string? tableName)
    {
        if (string.IsNullOrEmpty(tableName) || !TableNamePattern().IsMatch(tableName))
        {
            return false;
        }

        foreach (string part in tableName.Split('.'))
        {
            if (part.Length > MaxIdentifierLength)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parser's message when <paramref name="connectionString"/> is malformed; null when it parses.</summary>
    private static string? DescribeConnectionStringError(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            // The parser's message names the offending keyword, never a value, so no secret leaks into the failure.
            return ex.Message;
        }
    }

    [GeneratedRegex(@"^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
