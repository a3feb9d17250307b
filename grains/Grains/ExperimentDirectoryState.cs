using Orleans;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted state of the experiment directory: the canonical ids of the created experiments.</summary>
[GenerateSerializer, Alias("trp.ExperimentDirectoryState")]
public sealed class ExperimentDirectoryState
{
    /// <summary>Canonical experiment ids.</summary>
    [Id(0)]
    public HashSet<string> Experiments { get; set; } = new(StringComparer.Ordinal);
}
