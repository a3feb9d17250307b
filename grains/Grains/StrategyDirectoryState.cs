namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted state of the strategy directory: the canonical ids of the created strategies.</summary>
public sealed class StrategyDirectoryState
{
    /// <summary>Canonical strategy ids.</summary>
    public HashSet<string> Strategies { get; set; } = new(StringComparer.Ordinal);
}
