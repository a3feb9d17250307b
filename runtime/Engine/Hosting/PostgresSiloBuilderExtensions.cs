using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Serialization;
using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Storage.Postgres;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>Adds PostgreSQL grain storage to a silo.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// Adds PostgreSQL grain storage named <paramref name="name"/> (use <see cref="GrainStorageNames.Default"/> to make it
    /// the default). Options bind from <c>Silo:Storage:{name}</c> and are validated at start-up.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PostgresGrainStorageOptions>(name).BindConfiguration($"Silo:Storage:{name}").Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresGrainStorageOptions>, PostgresGrainStorageOptionsValidator>());
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgresGrainStorage(
            name,
            sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name),
            sp.GetRequiredService<RuntimeSerializer>().Options,
            sp.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        return builder;
    }
}
