using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Silo;

/// <summary>
/// The <c>schema</c> verb for operators: prints the PostgreSQL schema and queries that Orleans' ADO.NET providers read
/// (the scripts of <c>deploy/sql/</c>, in order), checks a database against them, or applies them.
/// </summary>
internal static class SchemaCommand
{
    /// <summary>
    /// Without <paramref name="postgres"/>: prints the script (exit 0). With it: applies the schema when
    /// <paramref name="apply"/> (idempotent), then verifies it; exit 0 when every required query key is present, 2 with
    /// the reason otherwise (missing keys named, or a database of the pre-Orleans runtime refused).
    /// </summary>
    public static async Task<int> RunAsync(string? postgres, bool apply, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(postgres))
        {
            if (apply)
            {
                await error.WriteLineAsync("schema --apply needs --postgres \"<Npgsql connection string>\".");
                return 2;
            }

            await output.WriteAsync(TradingPostgresSchema.Script);
            return 0;
        }

        try
        {
            if (apply)
            {
                await TradingPostgresSchema.EnsureAsync(postgres, ct);
                await output.WriteLineAsync($"schema applied and verified: {TradingPostgresSchema.RequiredQueryKeys.Count} query keys present");
            }
            else
            {
                await TradingPostgresSchema.VerifyAsync(postgres, ct);
                await output.WriteLineAsync($"schema verified: {TradingPostgresSchema.RequiredQueryKeys.Count} query keys present");
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await error.WriteLineAsync($"--postgres: {ex.Message}");
            return 2;
        }
    }
}
