namespace TradingRobotPlug.Runtime;

/// <summary>
/// The entry point for code that is not a grain (an API, a command-line job) to call grains and use streams.
/// In-process today; the remote form connects to a cluster over the network.
/// </summary>
public interface IClusterClient : IGrainFactory
{
    /// <summary>The client's services (stream providers are keyed services of type <c>IStreamProvider</c>).</summary>
    IServiceProvider ServiceProvider { get; }
}
