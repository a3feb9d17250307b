using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Messaging;
using TradingRobotPlug.Runtime.Serialization;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>Generic-host entry points: <c>builder.UseSilo(silo => ...)</c>.</summary>
public static class SiloHostingExtensions
{
    /// <summary>Runs a silo in this host, with in-memory "Default" storage unless another default is added.</summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var silo = new SiloBuilder(builder.Services, builder.Configuration);
        AddSiloCore(silo);
        configure?.Invoke(silo);
        return builder;
    }

    /// <summary>Runs a silo in this host (<see cref="IHostBuilder"/> form).</summary>
    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices((context, services) =>
        {
            var silo = new SiloBuilder(services, context.Configuration);
            AddSiloCore(silo);
            configure?.Invoke(silo);
        });
    }

    private static void AddSiloCore(ISiloBuilder silo)
    {
        var services = silo.Services;
        if (services.Any(d => d.ServiceType == typeof(SiloLifecycleService)))
        {
            return;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MessagingOptions>().BindConfiguration("Silo:Messaging").ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration("Silo:GrainCollection").ValidateOnStart();
        services.AddOptions<SerializerOptionsBuilder>();
        services.AddOptions<GrainAssemblyOptions>();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.AddSingleton<IValidateOptions<GrainCollectionOptions>, GrainCollectionOptionsValidator>();
        services.AddSingleton<IValidateOptions<MemoryStreamOptions>, MemoryStreamOptionsValidator>();
        services.AddSingleton(sp => new GrainTypeRegistry(GrainAssemblyDiscovery.Discover(sp.GetRequiredService<IOptions<GrainAssemblyOptions>>().Value)));
        services.AddSingleton<ActivationDirectory>();
        services.AddSingleton<RuntimeSerializer>();
        services.AddSingleton<RuntimeInstruments>();
        services.AddSingleton<GrainRuntimeClient>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntimeClient>());
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainRuntimeClient>());
        services.AddSingleton(sp => new StreamProviderNames(sp.GetRequiredService<IOptions<StreamProviderNamesOptions>>().Value.Names));
        services.AddSingleton<IStreamProviderRegistry, StreamProviderRegistry>();
        services.AddSingleton<SiloLifecycleService>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloLifecycleService>());
        services.AddSingleton(sp => new SiloStatisticsService(sp.GetRequiredService<RuntimeInstruments>(), sp.GetRequiredService<ActivationDirectory>(), sp.GetRequiredService<SiloLifecycleService>(), sp.GetRequiredService<TimeProvider>()));
        silo.AddMemoryGrainStorageAsDefault();
    }
}
