using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// The backtest's <c>--experiment</c> runs: each adds two strategies (control, treatment) after the <c>--strategy</c>
/// ones, an experiment grain <c>exp001</c>, <c>exp002</c>, … pairing them, created before the bars are published; after
/// the last bar the experiment waits for both arms' last marks and is stopped, which closes the last trading date.
/// </summary>
internal static class BacktestExperiments
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Parses every <c>--experiment</c>; problems (each naming the value and the part) go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<ExperimentSpec> Parse(IReadOnlyList<string>? texts, StrategyRegistry registry, List<string> problems)
    {
        var specs = new List<ExperimentSpec>();
        foreach (var text in texts ?? [])
        {
            if (ExperimentSpec.Parse(text, registry, problems) is { } spec)
            {
                if (specs.Any(s => string.Equals(s.Name, spec.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"--experiment \"{text}\": part 'name': '{spec.Name}' is used by another --experiment.");
                }
                else
                {
                    specs.Add(spec);
                }
            }
        }

        return specs;
    }

    /// <summary>The arms' names in output order: control then treatment of each experiment.</summary>
    public static IEnumerable<string> ArmNames(IReadOnlyList<ExperimentSpec> experiments)
        => experiments.SelectMany(e => new[] { e.ControlName, e.TreatmentName });

    /// <summary>The arms' settings (the run's capital, fees and slippage; name = experiment name, version = arm).</summary>
    public static IEnumerable<StrategySettings> ArmSettings(IReadOnlyList<ExperimentSpec> experiments, InstrumentId instrument, BacktestOptions options, Timeframe timeframe)
        => experiments.SelectMany(e => new[]
        {
            new StrategySettings(e.Control, [instrument], timeframe, options.Capital, "all-in", options.FeeBps, 0m, 0m, options.SlippageBps, e.Name, "control"),
            new StrategySettings(e.Treatment, [instrument], timeframe, options.Capital, "all-in", options.FeeBps, 0m, 0m, options.SlippageBps, e.Name, "treatment"),
        });

    /// <summary>Creates the experiment grains; <paramref name="armIds"/> are the arms' strategy ids, two per experiment in order.</summary>
    public static async Task CreateAsync(IClusterClient client, IReadOnlyList<ExperimentSpec> experiments, IReadOnlyList<StrategyId> armIds)
    {
        for (int i = 0; i < experiments.Count; i++)
        {
            await Grain(client, i).Create(new ExperimentSettings(experiments[i].Name, armIds[2 * i], armIds[2 * i + 1]));
        }
    }

    /// <summary>Waits for each experiment to take its arms' marks through <paramref name="lastClose"/> (the last bar's mark time, its open time), stops it and returns the results.</summary>
    /// <exception cref="TimeoutException">An experiment did not see its arms' last marks within two minutes.</exception>
    public static async Task<IReadOnlyList<ExperimentBacktestResult>> FinishAsync(
        IClusterClient client, IReadOnlyList<ExperimentSpec> experiments, DateTimeOffset? lastClose, CancellationToken cancellationToken)
    {
        var results = new List<ExperimentBacktestResult>();
        for (int i = 0; i < experiments.Count; i++)
        {
            var grain = Grain(client, i);
            var snapshot = lastClose is { } last ? await grain.WaitForMarks(last).WaitAsync(Timeout, cancellationToken) : await grain.GetSnapshot();
            if (snapshot.Status == ExperimentStatus.Running)
            {
                snapshot = await grain.Stop();
            }

            results.Add(new ExperimentBacktestResult(experiments[i], snapshot.Result!));
        }

        return results;
    }

    private static IExperimentGrain Grain(IClusterClient client, int index) => client.GetGrain<IExperimentGrain>($"exp{index + 1:D3}");
}
