using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TradingRobotPlug.GrainInterfaces;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Grains;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Grains;

/// <summary>Registers the trading grains' services, serializers and market-data streams on a silo.</summary>
public static class TradingSiloBuilderExtensions
{
    /// <summary>Adds the strategy registry, the trading JSON contexts and the market stream provider (<see cref="StreamNamespaces.Provider"/>).</summary>
    public static ISiloBuilder AddTrading(this ISiloBuilder builder, Action<MemoryStreamOptions>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => StrategyRegistry.Default);
        builder.AddSerializerContext(GrainInterfacesJsonContext.Default);
        builder.AddSerializerContext(GrainsJsonContext.Default);
        builder.AddMemoryStreams(StreamNamespaces.Provider, configureStreams);
        return builder;
    }
}
