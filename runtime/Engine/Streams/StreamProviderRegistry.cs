using Microsoft.Extensions.DependencyInjection;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Resolves stream providers registered as keyed services by name.</summary>
internal sealed class StreamProviderRegistry(IServiceProvider services, StreamProviderNames names) : IStreamProviderRegistry
{
    public IStreamProvider GetProvider(string name)
        => services.GetKeyedService<IStreamProvider>(name)
            ?? throw new KeyNotFoundException($"No stream provider named '{name}'. Configured: {(names.Names.Count == 0 ? "none" : string.Join(", ", names.Names))}.");
}
