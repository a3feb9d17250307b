using Orleans;
namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted state of the strategy directory: the canonical ids of the created strategies.</summary>
[GenerateSerializer, Alias("trp.StrategyDirectoryState")]
public sealed class StrategyDirectoryState
{
    /// <summary>Canonical strategy ids.</summary>
    [Id(0)]
    public HashSet<string> Strategies { get; set; } = new(StringComparer.Ordinal);
}
