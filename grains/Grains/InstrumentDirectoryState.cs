using Orleans;
namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted state of the instrument directory: the canonical symbols that have published data.</summary>
[GenerateSerializer, Alias("trp.InstrumentDirectoryState")]
public sealed class InstrumentDirectoryState
{
    /// <summary>Canonical symbols.</summary>
    [Id(0)]
    public HashSet<string> Symbols { get; set; } = new(StringComparer.Ordinal);
}
