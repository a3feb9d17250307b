using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// An in-process silo with the trading grains, started as the backtest command starts it
/// (<c>builder.UseSilo(silo =&gt; silo.AddTrading())</c>: in-memory storage and streams), warnings to the console.
/// </summary>
public sealed class TradingSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TradingSilo(IHost host) => _host = host;

    /// <summary>The client for calling grains from host code.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a fresh silo.</summary>
    public static async Task<TradingSilo> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseSilo(silo => silo.AddTrading());
        var host = builder.Build();
        await host.StartAsync();
        return new TradingSilo(host);
    }

    /// <summary>Stops the silo (deactivating every activation).</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
