using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Benchmarks.Hosting;

/// <summary>
/// An Orleans silo in this process, hosted as the product hosts it (<c>BacktestRunner</c>): generic host,
/// <c>UseOrleans(silo =&gt; silo.UseTradingLocalhostClustering().AddTrading(null))</c>, so the benchmark streams run on
/// the product's memory stream provider (<see cref="StreamNamespaces.Provider"/>: 10 ms pull period, 100 events per
/// delivery batch) with in-memory pub-sub storage; warnings logged to the console. Every run gets a fresh one.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    /// <summary>The client for calling grains from host code.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The benchmark's stream provider (the product's "market" memory stream provider).</summary>
    public IStreamProvider Streams => Client.GetStreamProvider(StreamNamespaces.Provider);

    /// <summary>Starts a silo whose benchmark grains report to <paramref name="probe"/>.</summary>
    public static async Task<BenchSilo> StartAsync(BenchProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddTradingLogFilters()
            .AddFilter("Orleans.Runtime.MembershipService", LogLevel.Warning); // a silo per run: no join/leave lines
        builder.Services.AddSingleton(probe);
        builder.UseOrleans(silo => silo.UseTradingLocalhostClustering().AddTrading(null));
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
