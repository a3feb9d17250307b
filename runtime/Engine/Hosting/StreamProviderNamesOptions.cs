namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>Names of the stream providers added to the silo.</summary>
internal sealed class StreamProviderNamesOptions
{
    public List<string> Names { get; } = [];
}
