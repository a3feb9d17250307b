using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// Creates and starts a backtest's strategy grains, and with durable state (<c>--postgres</c>) checks what the
/// database already holds: a fresh run refuses a database that holds this run's instrument or strategy ids; a resumed
/// run (<c>--resume</c>) re-creates the strategies idempotently, checks that the persisted bars are a prefix of the file,
/// and tells the runner how many bars to skip.
/// </summary>
internal static class BacktestStrategySetup
{
    /// <summary>Creates and starts the strategies; returns how many of <paramref name="bars"/> the instrument already holds,
    /// or null after writing the problems to <paramref name="error"/> (the run must exit with <see cref="BacktestRunner.BadInputExitCode"/>).</summary>
    public static async Task<int?> PrepareAsync(
        IClusterClient client,
        InstrumentId instrument,
        IReadOnlyList<StrategyId> ids,
        IReadOnlyList<StrategySettings> settings,
        IReadOnlyList<Bar> bars,
        BacktestOptions options,
        TextWriter output,
        TextWriter error)
    {
        var problems = new List<string>();
        var instrumentGrain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        int skip = 0;
        if (options.PostgresConnectionString is not null)
        {
            var held = await instrumentGrain.GetSnapshot();
            if (!options.Resume)
            {
                if (held.Bars > 0)
                {
                    problems.Add($"--postgres: the database already holds {held.Bars} bars of {instrument}; add --resume to continue that run, or use an empty database.");
                }

                foreach (var id in ids)
                {
                    var status = (await client.GetGrain<IStrategyGrain>(id.ToString()).GetSnapshot()).Status;
                    if (status != StrategyStatus.None)
                    {
                        problems.Add($"--postgres: strategy {id} already exists in the database (status {status}); add --resume to continue that run, or use an empty database.");
                    }
                }
            }
            else if (held.Bars > 0)
            {
                skip = await CountPersistedPrefixAsync(instrumentGrain, instrument, held.Bars, bars, options.DataPath, problems);
            }
        }

        if (problems.Count == 0)
        {
            for (int i = 0; i < ids.Count; i++)
            {
                var grain = client.GetGrain<IStrategyGrain>(ids[i].ToString());
                try
                {
                    await grain.Create(settings[i]);
                }
                catch (InvalidOperationException ex)
                {
                    problems.Add($"--resume: strategy {ids[i]} (\"{settings[i].Spec}\"): {ex.Message}");
                    continue;
                }

                var status = (await grain.GetSnapshot()).Status;
                if (status == StrategyStatus.Running)
                {
                    continue;
                }

                if (skip > 0 && status != StrategyStatus.Paused)
                {
                    problems.Add($"--resume: strategy {ids[i]} is {status}, not running; it cannot continue a run whose bars it did not see.");
                    continue;
                }

                await grain.Start();
            }
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                await error.WriteLineAsync(p);
            }

            return null;
        }

        if (options.Resume)
        {
            await output.WriteLineAsync($"resume: {instrument} already holds {skip} of {bars.Count} bars; publishing the remaining {bars.Count - skip}");
        }

        return skip;
    }

    /// <summary>How many leading bars of the file the instrument holds; adds a problem when its history is not a prefix of the file.</summary>
    private static async Task<int> CountPersistedPrefixAsync(IInstrumentGrain grain, InstrumentId instrument, long held, IReadOnlyList<Bar> bars, string dataPath, List<string> problems)
    {
        var timeframe = bars.Count > 0 ? bars[0].Timeframe : Timeframe.OneDay;
        var last = await grain.GetBars(timeframe, null, null, 1);
        if (held > bars.Count || last.IsEmpty || !Equals(last[0], bars[(int)held - 1]))
        {
            var what = last.IsEmpty ? "no bars" : $"{held} bars, the last opening {last[0].OpenTime:O}";
            problems.Add($"--resume: the database holds {what} of {instrument}, which are not the first {held} bars of --data '{dataPath}' ({bars.Count} bars); resume with the same file or use an empty database.");
            return 0;
        }

        return (int)held;
    }
}
