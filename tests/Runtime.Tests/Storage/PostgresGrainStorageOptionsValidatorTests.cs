using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Storage.Postgres;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>Checks of <see cref="PostgresGrainStorageOptionsValidator"/>; no server needed.</summary>
public sealed class PostgresGrainStorageOptionsValidatorTests
{
    private const string ValidConnection = "Host=127.0.0.1;Port=5432;Username=postgres;Database=trp";

    private readonly PostgresGrainStorageOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreGrainStateTableWithSchemaCreation()
    {
        var options = new PostgresGrainStorageOptions();

        Assert.Equal("grain_state", options.TableName);
        Assert.True(options.CreateSchema);
        Assert.Equal(string.Empty, options.ConnectionString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingConnectionString_FailureNamesSettingAndStorage(string connectionString)
    {
        ValidateOptionsResult result = _validator.Validate("Default", new PostgresGrainStorageOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Equal("PostgresGrainStorageOptions.ConnectionString is required for storage 'Default'.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void MalformedConnectionString_FailureNamesSettingAndStorage()
    {
        ValidateOptionsResult result = _validator.Validate("Ticks", new PostgresGrainStorageOptions { ConnectionString = "Hots=localhost" });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith("PostgresGrainStorageOptions.ConnectionString of storage 'Ticks'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Grain_State")]
    [InlineData("grain-state")]
    [InlineData("1grain")]
    [InlineData("a.b.c")]
    [InlineData(".grain")]
    [InlineData("grain_state; DROP TABLE x")]
    [InlineData("\"grain\"")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd")]
    public void InvalidTableName_FailureNamesSettingAndStorage(string tableName)
    {
        ValidateOptionsResult result = _validator.Validate(
            "Default", new PostgresGrainStorageOptions { ConnectionString = ValidConnection, TableName = tableName });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"PostgresGrainStorageOptions.TableName '{tableName}' of storage 'Default'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grain_state")]
    [InlineData("_state2")]
    [InlineData("trading.grain_state")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc")]
    public void ValidOptions_Succeed(string tableName)
    {
        ValidateOptionsResult result = _validator.Validate(
            "Default", new PostgresGrainStorageOptions { ConnectionString = ValidConnection, TableName = tableName });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsBeforeConnecting()
    {
        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => new PostgresGrainStorage(
            "Default",
            new PostgresGrainStorageOptions { ConnectionString = ValidConnection, TableName = "x; DROP TABLE y" },
            PostgresTestJsonContext.Default.Options,
            NullLogger<PostgresGrainStorage>.Instance));

        Assert.Contains("PostgresGrainStorageOptions.TableName", error.Message, StringComparison.Ordinal);
    }
}
