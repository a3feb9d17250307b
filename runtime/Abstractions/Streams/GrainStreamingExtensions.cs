namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Stream provider access for grains and clients.</summary>
public static class GrainStreamingExtensions
{
    /// <summary>The stream provider named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No stream provider with that name is configured.</exception>
    public static IStreamProvider GetStreamProvider(this Grain grain, string name)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Resolve(grain.GrainContext.ActivationServices, name);
    }

    /// <summary>The stream provider named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No stream provider with that name is configured.</exception>
    public static IStreamProvider GetStreamProvider(this IClusterClient client, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Resolve(client.ServiceProvider, name);
    }

    private static IStreamProvider Resolve(IServiceProvider services, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var registry = (IStreamProviderRegistry?)services.GetService(typeof(IStreamProviderRegistry))
            ?? throw new InvalidOperationException("No stream providers are configured (call AddMemoryStreams on the silo builder).");
        return registry.GetProvider(name);
    }
}
