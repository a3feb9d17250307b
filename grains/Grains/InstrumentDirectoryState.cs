namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted state of the instrument directory: the canonical symbols that have published data.</summary>
public sealed class InstrumentDirectoryState
{
    /// <summary>Canonical symbols.</summary>
    public HashSet<string> Symbols { get; set; } = new(StringComparer.Ordinal);
}
