using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.Storage.Postgres;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.TestingHost;

/// <summary>
/// A silo in the test process (what Orleans' TestingHost is): in-memory storage and streams by default, PostgreSQL
/// storage when asked, and a <see cref="ManualTimeProvider"/> so tests control time instead of sleeping.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessTestCluster(IHost host, TimeProvider time)
    {
        _host = host;
        TimeProvider = time;
    }

    /// <summary>The client for calling grains from test code.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The grain factory (same object as <see cref="Client"/>).</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The clock as a <see cref="ManualTimeProvider"/>.</summary>
    /// <exception cref="InvalidOperationException">The cluster was given another time provider.</exception>
    public ManualTimeProvider Time => TimeProvider as ManualTimeProvider ?? throw new InvalidOperationException("This cluster does not use a ManualTimeProvider.");

    /// <summary>Number of live activations.</summary>
    public int ActivationCount => _host.Services.GetRequiredService<ActivationDirectory>().Count;

    /// <summary>Whether <paramref name="grainId"/> has a live, activated activation.</summary>
    public bool IsActive(GrainId grainId) => _host.Services.GetRequiredService<ActivationDirectory>().TryGet(grainId, out var a) && a!.IsValid;

    /// <summary>The grain id a reference addresses.</summary>
    public static GrainId GetGrainId(IAddressable reference) => ((Invocation.GrainReference)reference).GrainId;

    /// <summary>Completes when the current activation of <paramref name="grainId"/> (if any) has deactivated.</summary>
    public Task WhenDeactivated(GrainId grainId)
        => _host.Services.GetRequiredService<ActivationDirectory>().TryGet(grainId, out var a) ? a!.Deactivated : Task.CompletedTask;

    /// <summary>A stream provider by name.</summary>
    public IStreamProvider GetStreamProvider(string name) => Client.GetStreamProvider(name);

    /// <summary>Starts a cluster. When start-up fails the host is disposed and the exception rethrown.</summary>
    public static async Task<InProcessTestCluster> StartAsync(TestClusterOptions? options = null)
    {
        options ??= new TestClusterOptions();
        var time = options.TimeProvider ?? new ManualTimeProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(time);
        builder.UseSilo(silo =>
        {
            if (options.PostgresConnectionString is { } cs)
            {
                silo.AddPostgresGrainStorage(Storage.GrainStorageNames.Default, o => o.ConnectionString = cs);
            }

            silo.AddMemoryStreams(options.StreamProviderName);
            options.ConfigureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // Invalid options or an unserializable boundary type: release what the container already created.
            await ((IAsyncDisposable)host).DisposeAsync();
            throw;
        }

        return new InProcessTestCluster(host, time);
    }

    /// <summary>Stops the silo (deactivating every activation).</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
