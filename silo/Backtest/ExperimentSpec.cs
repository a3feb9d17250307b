using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// One <c>--experiment</c> of the backtest: <c>name=NAME;control=SPEC;treatment=SPEC</c>, parts separated by ';' in any
/// order, part names case-insensitive, white space around parts and values ignored. Both arms run as strategies named
/// <see cref="ControlName"/> and <see cref="TreatmentName"/> in the outputs.
/// </summary>
/// <param name="Name">The experiment's name (checked by <see cref="StrategyLabels.NameError"/>).</param>
/// <param name="Control">The control arm's strategy spec, e.g. <c>sma-cross:fast=50,slow=200</c>.</param>
/// <param name="Treatment">The treatment arm's strategy spec.</param>
public sealed record ExperimentSpec(string Name, string Control, string Treatment)
{
    /// <summary>The control arm's name in summary.json, trades.csv, equity.csv and buckets.csv: <c>{name}/control</c>.</summary>
    public string ControlName => $"{Name}/control";

    /// <summary>The treatment arm's name in the outputs: <c>{name}/treatment</c>.</summary>
    public string TreatmentName => $"{Name}/treatment";

    /// <summary>
    /// Parses and checks one <c>--experiment</c> value; on failure returns null and adds to <paramref name="problems"/> one
    /// message per problem, each starting with <c>--experiment "VALUE": part 'PART':</c> (or <c>part 'NAME'</c> for a
    /// missing part).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ExperimentSpec? Parse(string text, StrategyRegistry registry, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(';'))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"--experiment \"{text}\": part '{part}': expected name=VALUE (parts name, control, treatment separated by ';').");
                continue;
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (key is not ("name" or "control" or "treatment"))
            {
                problems.Add($"--experiment \"{text}\": part '{part[..eq].Trim()}': unknown part (expected name, control and treatment).");
            }
            else if (!values.TryAdd(key, value))
            {
                problems.Add($"--experiment \"{text}\": part '{key}': given more than once.");
            }
        }

        foreach (var key in new[] { "name", "control", "treatment" })
        {
            if (!values.TryGetValue(key, out var value) || value.Length == 0)
            {
                problems.Add($"--experiment \"{text}\": part '{key}': is required (e.g. name=trend;control=sma-cross:fast=50,slow=200;treatment=sma-cross:fast=20,slow=100).");
            }
            else if (key == "name" && StrategyLabels.NameError(value) is { } nameError)
            {
                problems.Add($"--experiment \"{text}\": part 'name': {nameError}");
            }
            else if (key != "name")
            {
                problems.AddRange(registry.GetErrors(value).Select(e => $"--experiment \"{text}\": part '{key}': {e}"));
            }
        }

        return problems.Count == before ? new ExperimentSpec(values["name"], values["control"], values["treatment"]) : null;
    }
}
