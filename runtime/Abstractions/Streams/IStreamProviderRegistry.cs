namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Looks up configured stream providers by name.</summary>
public interface IStreamProviderRegistry
{
    /// <summary>The provider named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No provider with that name; the message lists the configured names.</exception>
    IStreamProvider GetProvider(string name);
}
