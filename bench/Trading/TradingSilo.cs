using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// An in-process Orleans silo with the trading grains, started as the backtest command starts it
/// (<c>builder.UseOrleans(silo =&gt; silo.UseTradingLocalhostClustering().AddTrading(null))</c>: in-memory storage and
/// streams), warnings to the console. With <see cref="RuntimeCounters"/>, stream items delivered are counted by an
/// incoming grain call filter (<see cref="StreamItemCountingFilter"/>).
/// </summary>
public sealed class TradingSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TradingSilo(IHost host) => _host = host;

    /// <summary>The client for calling grains from host code.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a fresh silo.</summary>
    /// <param name="counters">When set, stream items delivered are counted into it.</param>
    /// <param name="streamCacheSeconds">Experiment, not the product's configuration: when set, the "market" memory
    /// stream cache keeps events this many seconds (DataMinTimeInCache; max age twice that) instead of Orleans' default 5
    /// minutes.</param>
    public static async Task<TradingSilo> StartAsync(RuntimeCounters? counters = null, int? streamCacheSeconds = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddTradingLogFilters()
            .AddFilter("Orleans.Runtime.MembershipService", LogLevel.Warning); // a silo per run: no join/leave lines
        builder.UseOrleans(silo =>
        {
            silo.UseTradingLocalhostClustering().AddTrading(null);
            if (counters is not null)
            {
                silo.Services.AddSingleton(counters);
                silo.AddIncomingGrainCallFilter<StreamItemCountingFilter>();
            }

            if (streamCacheSeconds is { } cache)
            {
                silo.Services.Configure<StreamCacheEvictionOptions>(StreamNamespaces.Provider, o =>
                {
                    o.DataMinTimeInCache = TimeSpan.FromSeconds(cache);
                    o.DataMaxAgeInCache = TimeSpan.FromSeconds(2 * cache);
                });
            }
        });
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
