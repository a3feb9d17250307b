using System.Diagnostics.CodeAnalysis;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.GrainInterfaces.Experiments;

/// <summary>Experiment ids: the rules and canonical form of <see cref="StrategyId"/> (a lower-case slug of 1–64 characters).</summary>
public static class ExperimentKeys
{
    /// <summary>Canonicalises an experiment id; false (and an error naming the text) when it is not valid.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? id, [NotNullWhen(false)] out string? error)
    {
        if (StrategyId.TryParse(text, out var parsed))
        {
            id = parsed.Value;
            error = null;
            return true;
        }

        id = null;
        error = $"'{text}' is not a valid id (1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit).";
        return false;
    }
}
