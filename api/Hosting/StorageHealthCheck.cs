using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// Readiness of the durable storage: with <see cref="TradingApiOptions.Postgres"/> set, PostgreSQL answers
/// <c>SELECT 1</c> within <see cref="Timeout"/> (healthy) or does not (unhealthy, with the driver's message); without it,
/// state is in memory and the check is healthy. Part of <c>/health/ready</c>, so a load balancer stops sending writes
/// that would answer 503 while the database is down.
/// </summary>
public sealed class StorageHealthCheck(IOptions<TradingApiOptions> options) : IHealthCheck
{
    /// <summary>How long the check waits for PostgreSQL.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = options.Value.Postgres;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return HealthCheckResult.Healthy("state in memory");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)Timeout.TotalSeconds, Pooling = false };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {ex.Message}", ex);
        }
    }
}
