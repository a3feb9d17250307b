namespace TradingRobotPlug.Runtime.Streams;

/// <summary>The names of the configured stream providers (for error messages and shutdown).</summary>
internal sealed class StreamProviderNames(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;
}
