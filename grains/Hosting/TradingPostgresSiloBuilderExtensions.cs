using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Hosting;

/// <summary>Makes a silo check (and, when missing, apply) the project's PostgreSQL schema before any provider reads it.</summary>
public static class TradingPostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, given to every Orleans ADO.NET provider.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Runs <see cref="TradingPostgresSchema.EnsureAsync"/> on <paramref name="connectionString"/> in the silo lifecycle's
    /// first stage, before clustering, storage or reminders read their queries. Start-up then fails (and the host with
    /// it) with a message when the database was made by the pre-Orleans runtime or the schema cannot be applied.
    /// </summary>
    public static ISiloBuilder AddTradingPostgresSchema(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaParticipant(connectionString));
        return builder;
    }

    private sealed class SchemaParticipant(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle)
            => lifecycle.Subscribe(nameof(TradingPostgresSiloBuilderExtensions), ServiceLifecycleStage.First, ct => TradingPostgresSchema.EnsureAsync(connectionString, ct));
    }
}
