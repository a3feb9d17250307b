using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Tests.Unit;

/// <summary>
/// Storage down (issue 12, door 6, first part): a write that fails in PostgreSQL answers 503 with Retry-After, and
/// readiness reports the storage. The exception is the one observed with PostgreSQL stopped under a running API:
/// Orleans' "Error from storage provider …" around the driver's exception.
/// </summary>
public sealed class StorageUnavailableTests
{
    private static readonly Exception Observed = new OrleansException(
        "Error from storage provider AdoNetGrainStorage.strategy during ReadStateAsync for grain strategy/a2",
        new NpgsqlException("Exception while reading from stream", new EndOfStreamException()));

    [Fact]
    public async Task A_storage_failure_is_503_with_Retry_After_and_a_problem_body()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, Observed, CancellationToken.None));
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        Assert.Contains("The storage is unavailable.", await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_stored_state_version_conflict_is_503_with_Retry_After_not_500()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);
        var conflict = new AggregateException(new Orleans.Storage.InconsistentStateException("Version conflict", "12", "11"));

        Assert.True(await handler.TryHandleAsync(context, conflict, CancellationToken.None));
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        Assert.Contains("The stored state changed under the request.", await new StreamReader(context.Response.Body).ReadToEndAsync());
        Assert.False(StorageUnavailable.IsStateConflict(Observed));
        Assert.False(StorageUnavailable.IsStateConflict(null));
    }

    [Fact]
    public void Only_storage_failures_count()
    {
        Assert.True(StorageUnavailable.Is(Observed));
        Assert.True(StorageUnavailable.Is(new AggregateException(new NpgsqlException("down"))));
        Assert.False(StorageUnavailable.Is(new OrleansException("Something else")));
        Assert.False(StorageUnavailable.Is(new InvalidOperationException("conflict")));
        Assert.False(StorageUnavailable.Is(null));
    }

    [Fact]
    public async Task Readiness_reports_a_PostgreSQL_that_does_not_answer_and_memory_state_as_healthy()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nobody listens on

        var down = new StorageHealthCheck(Options.Create(new TradingApiOptions { Postgres = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres" }));
        var result = await down.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("PostgreSQL does not answer:", result.Description, StringComparison.Ordinal);

        var memory = new StorageHealthCheck(Options.Create(new TradingApiOptions()));
        Assert.Equal(HealthStatus.Healthy, (await memory.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
