using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Benchmarks.Hosting;

/// <summary>
/// A silo in this process, as production hosts it: generic host, <c>UseSilo</c> with the "bench" memory stream
/// provider, the system <see cref="TimeProvider"/>, warnings logged to the console. Every run gets a fresh one.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    /// <summary>The client for calling grains from host code.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The benchmark's stream provider.</summary>
    public IStreamProvider Streams => Client.GetStreamProvider(StreamNamespaces.Provider);

    /// <summary>Starts a silo whose benchmark grains report to <paramref name="probe"/>.</summary>
    public static async Task<BenchSilo> StartAsync(BenchProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe);
        builder.UseSilo(silo => silo.AddMemoryStreams(StreamNamespaces.Provider));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>Stops the silo (deactivating every activation).</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
