using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Messaging;
using TradingRobotPlug.Runtime.Serialization;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary><c>AddXxx</c> extensions that add named providers and settings to a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds in-memory grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new MemoryGrainStorage(name, sp.GetRequiredService<RuntimeSerializer>()));
        return builder;
    }

    /// <summary>Makes in-memory storage the default ("Default") unless a default is already registered.</summary>
    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) => new MemoryGrainStorage(GrainStorageNames.Default, sp.GetRequiredService<RuntimeSerializer>()));
        return builder;
    }

    /// <summary>Adds an in-memory stream provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryStreams(this ISiloBuilder builder, string name, Action<MemoryStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<MemoryStreamOptions>(name).BindConfiguration($"Silo:Streams:{name}").ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddKeyedSingleton<IStreamProvider>(name, (sp, _) => new MemoryStreamProvider(
            name,
            sp.GetRequiredService<IOptionsMonitor<MemoryStreamOptions>>().Get(name),
            sp.GetRequiredService<GrainRuntimeClient>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<MemoryStreamProvider>()));
        builder.Services.Configure<StreamProviderNamesOptions>(o => o.Names.Add(name));
        return builder;
    }

    /// <summary>Declares the types in <paramref name="context"/> serializable across grain boundaries and in storage.</summary>
    public static ISiloBuilder AddSerializerContext(this ISiloBuilder builder, JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(context);
        builder.Services.Configure<SerializerOptionsBuilder>(o => o.Contexts.Add(context));
        return builder;
    }

    /// <summary>Adds an assembly holding grain classes or interfaces (loaded assemblies are discovered automatically).</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        builder.Services.Configure<GrainAssemblyOptions>(o => o.Assemblies.Add(assembly));
        return builder;
    }

    /// <summary>Sets call options (response timeout, turn budget).</summary>
    public static ISiloBuilder ConfigureMessaging(this ISiloBuilder builder, Action<MessagingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Sets idle collection options.</summary>
    public static ISiloBuilder ConfigureGrainCollection(this ISiloBuilder builder, Action<GrainCollectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }
}
