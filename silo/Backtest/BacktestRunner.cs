using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Grains.Hosting;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// Runs a backtest through the cluster: starts an in-process silo, creates and starts one strategy grain per spec,
/// replays the CSV through the instrument grain (bars on the bar stream), waits for every strategy to see every bar
/// and for the portfolio grain to mark the last bar, and reads results back from the grains.
/// </summary>
public static class BacktestRunner
{
    private static readonly TimeSpan PortfolioTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Exit code for bad input (strategy specs or CSV rows).</summary>
    public const int BadInputExitCode = 2;

    /// <summary>Exit code when the run completed but a strategy failed inside it (each failure is written to the error output).</summary>
    public const int RunFailedExitCode = 3;

    /// <summary>Exit code when the run is cancelled (Ctrl+C) while publishing (128 + SIGINT).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Runs the backtest and writes the outputs; returns the process exit code.</summary>
    public static async Task<int> RunAsync(BacktestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var registry = StrategyRegistry.Default;
        var problems = new List<string>();
        InstrumentId instrument = default;
        if (!InstrumentId.TryParse(options.Symbol, out instrument))
        {
            problems.Add($"--symbol: '{options.Symbol}' is not a valid symbol.");
        }

        InstrumentId? benchmarkInstrument = null;
        if (options.Benchmark is { } benchmarkSymbol)
        {
            if (!InstrumentId.TryParse(benchmarkSymbol, out var parsed))
            {
                problems.Add($"--benchmark: '{benchmarkSymbol}' is not a valid symbol.");
            }
            else if (parsed != instrument)
            {
                benchmarkInstrument = parsed;
                if (options.BenchmarkDataPath is null)
                {
                    problems.Add($"--benchmark: {parsed} is not --symbol {options.Symbol}, so its bars are needed: give them with --benchmark-data <file>.");
                }
                else if (!File.Exists(options.BenchmarkDataPath))
                {
                    problems.Add($"--benchmark-data: file '{options.BenchmarkDataPath}' does not exist.");
                }
            }
        }

        if (options.BenchmarkDataPath is not null && benchmarkInstrument is null)
        {
            problems.Add("--benchmark-data: needs --benchmark naming an instrument other than --symbol (the --data instrument is its own benchmark by default).");
        }

        if (options.Capital <= 0)
        {
            problems.Add($"--capital: must be positive (was {options.Capital}).");
        }

        var experiments = BacktestExperiments.Parse(options.Experiments, registry, problems);
        if (options.Strategies.Count == 0 && (options.Experiments is null || options.Experiments.Count == 0))
        {
            problems.Add("--strategy: at least one strategy is required.");
        }

        foreach (var spec in options.Strategies)
        {
            problems.AddRange(registry.GetErrors(spec).Select(e => $"--strategy \"{spec}\": {e}"));
        }

        IndicatorSetWriter? indicatorWriter = null;
        if (options.Indicators is { } ind)
        {
            try
            {
                indicatorWriter = new IndicatorSetWriter(ind);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"--indicators: {ex.Message}");
            }
        }

        if (options.Resume && options.PostgresConnectionString is null)
        {
            problems.Add("--resume: requires --postgres <connection string> (the state to resume from).");
        }

        if (options.PublishChunk <= 0)
        {
            problems.Add($"--publish-chunk: must be positive (was {options.PublishChunk}).");
        }

        if (options.ThrottleMilliseconds < 0)
        {
            problems.Add($"--throttle-ms: must not be negative (was {options.ThrottleMilliseconds}).");
        }

        if (!File.Exists(options.DataPath))
        {
            problems.Add($"--data: file '{options.DataPath}' does not exist.");
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                await error.WriteLineAsync(p);
            }

            return BadInputExitCode;
        }

        var bad = new List<CsvRowError>();
        if (await ReadBarsAsync("--data", options.DataPath, instrument, options, bad, output, error) is not { } data)
        {
            return BadInputExitCode;
        }

        var (bars, timeframe) = data;
        List<Bar> benchmarkBars = [];
        if (benchmarkInstrument is { } other)
        {
            if (await ReadBarsAsync("--benchmark-data", options.BenchmarkDataPath!, other, options, bad, output, error) is not { } benchmarkData)
            {
                return BadInputExitCode;
            }

            if (benchmarkData.Timeframe != timeframe)
            {
                await error.WriteLineAsync($"--benchmark-data: bars of {benchmarkData.Timeframe.ToText()}, but --data has bars of {timeframe.ToText()}; the benchmark's bars must have the strategies' timeframe.");
                return BadInputExitCode;
            }

            benchmarkBars = benchmarkData.Bars;
            if (bars.Count > 0 && (benchmarkBars.Count == 0 || benchmarkBars[^1].CloseTime < bars[^1].CloseTime))
            {
                await error.WriteLineAsync($"--benchmark-data: its last bar closes {(benchmarkBars.Count == 0 ? "never (no bars)" : benchmarkBars[^1].CloseTime.ToString("O"))}, before the last bar of --data ({bars[^1].CloseTime:O}); "
                    + "a strategy marks a bar only once its benchmark's history reaches the bar's close, so the file must cover the data's dates.");
                return BadInputExitCode;
            }
        }

        foreach (var e in bad)
        {
            await error.WriteLineAsync($"skipped {e}");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseTradingLocalhostClustering().AddTrading(options.PostgresConnectionString));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (options.PostgresConnectionString is not null && ex is not OperationCanceledException)
        {
            // The database was refused (made by the pre-Orleans runtime, schema not applicable) or cannot be reached:
            // the silo's start-up failed before any state was read or written.
            await error.WriteLineAsync($"--postgres: {ex.Innermost().Message}");
            return BadInputExitCode;
        }

        var client = host.Services.GetRequiredService<IClusterClient>();

        // Subscribe the portfolio before any strategy exists, so that every strategy is one of its members.
        var portfolio = client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key);
        await portfolio.Ensure();

        // The --strategy specs, then each experiment's control and treatment arm (named in the outputs by their arm names).
        var names = options.Strategies.Concat(BacktestExperiments.ArmNames(experiments)).ToList();
        var ids = names.Select((s, i) => StrategyId.Parse($"s{i + 1:D3}")).ToList();
        var settings = options.Strategies
            .Select(spec => new StrategySettings(spec, [instrument], timeframe, options.Capital, "all-in", options.FeeBps, 0m, 0m, options.SlippageBps))
            .Concat(BacktestExperiments.ArmSettings(experiments, instrument, options, timeframe))
            .Select(s => s with { Benchmark = benchmarkInstrument })
            .ToList();
        if (await BacktestStrategySetup.PrepareAsync(client, instrument, ids, settings, bars, options, output, error) is not { } alreadyPublished)
        {
            await host.StopAsync(cancellationToken);
            return BadInputExitCode;
        }

        await BacktestExperiments.CreateAsync(client, experiments, ids.Skip(options.Strategies.Count).ToList());
        if (benchmarkInstrument is { } benchmarkId)
        {
            // The benchmark's bars first (those not published by an earlier, resumed run): a strategy bar waits until
            // the benchmark's history reaches its close, so with the whole benchmark published none ever waits.
            var benchmarkGrain = client.GetGrain<IInstrumentGrain>(benchmarkId.Symbol);
            var newest = (await benchmarkGrain.GetSnapshot()).LastBarOpenTime;
            foreach (var chunk in benchmarkBars.Where(b => newest is null || b.OpenTime > newest).Chunk(options.PublishChunk))
            {
                await benchmarkGrain.PublishBars([.. chunk]);
            }

            await output.WriteLineAsync($"benchmark: {benchmarkId} ({benchmarkBars.Count} bars of {options.BenchmarkDataPath})");
        }

        var stopwatch = Stopwatch.StartNew();
        var instrumentGrain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        indicatorWriter?.AddRange(bars.Take(alreadyPublished));
        int published = alreadyPublished;
        int lastPercent = -1;
        foreach (var chunk in bars.Skip(alreadyPublished).Chunk(options.PublishChunk))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync(options.PostgresConnectionString is null
                    ? $"interrupted after {published} of {bars.Count} bars; nothing written"
                    : $"interrupted after {published} of {bars.Count} bars (persisted); run again with --resume to continue");
                return InterruptedExitCode;
            }

            await instrumentGrain.PublishBars([.. chunk]);
            published += chunk.Length;
            indicatorWriter?.AddRange(chunk);
            int percent = (int)(100L * published / bars.Count);
            if (percent / 10 != lastPercent / 10 || options.ThrottleMilliseconds > 0)
            {
                lastPercent = percent;
                await output.WriteLineAsync($"replay {percent,3}%  {published,6}/{bars.Count} bars  {(published - alreadyPublished) / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9):N0} bars/s");
            }

            if (options.ThrottleMilliseconds > 0)
            {
                await Task.Delay(options.ThrottleMilliseconds, CancellationToken.None); // a cancel is reported before the next chunk
            }
        }

        // A strategy that fails (its numbers leave StrategyLimits) stops there; the others and the portfolio go on, the
        // outputs are written, and the run exits with RunFailedExitCode naming each failure.
        var failures = new List<string>();
        for (int i = 0; i < ids.Count; i++)
        {
            try
            {
                await client.GetGrain<IStrategyGrain>(ids[i].ToString()).WaitForBars(bars.Count);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add($"{ids[i]} ({names[i]}) failed: {ex.Message}");
            }
        }

        stopwatch.Stop();
        PortfolioBacktestResult? portfolioResult = null;
        if (bars.Count > 0)
        {
            var portfolioSnapshot = await portfolio.WaitForMarks(bars[^1].OpenTime).WaitAsync(PortfolioTimeout, cancellationToken);
            var portfolioBuckets = new Dictionary<BucketLevel, ImmutableArray<MetricsSnapshot>>();
            foreach (var level in MetricsBook.LevelsFor(TradingRobotPlug.Grains.Grains.PortfolioGrain.PortfolioTimeframe))
            {
                portfolioBuckets[level] = await client.GetGrain<IMetricsBucketGrain>($"{IPortfolioGrain.Key}/{level.ToCanonicalString()}").GetPeriods(null, null);
            }

            portfolioResult = new PortfolioBacktestResult(portfolioSnapshot, portfolioBuckets);
        }

        var results = new List<BacktestResult>();
        for (int i = 0; i < ids.Count; i++)
        {
            var grain = client.GetGrain<IStrategyGrain>(ids[i].ToString());
            var byLevel = new Dictionary<BucketLevel, ImmutableArray<MetricsSnapshot>>();
            foreach (var level in MetricsBook.LevelsFor(timeframe))
            {
                byLevel[level] = await client.GetGrain<IMetricsBucketGrain>($"{ids[i]}/{level.ToCanonicalString()}").GetPeriods(null, null);
            }

            results.Add(new BacktestResult(names[i], await grain.GetSnapshot(), await grain.GetTrades(), await grain.GetEquityCurve(), byLevel));
        }

        var experimentResults = await BacktestExperiments.FinishAsync(client, experiments, bars.Count > 0 ? bars[^1].OpenTime : null, cancellationToken);
        await host.StopAsync(cancellationToken);

        Directory.CreateDirectory(options.OutputDirectory);
        BacktestOutputWriter.Write(options.OutputDirectory, instrument, results, portfolioResult);
        if (experiments.Count > 0)
        {
            ExperimentOutputWriter.Write(options.OutputDirectory, experimentResults);
        }

        if (indicatorWriter is not null)
        {
            indicatorWriter.Write(Path.Combine(options.OutputDirectory, "indicators.csv"));
        }

        await output.WriteLineAsync($"replayed {bars.Count} bars through {ids.Count} strategies in {stopwatch.Elapsed.TotalSeconds:F2} s ({bars.Count * ids.Count / stopwatch.Elapsed.TotalSeconds:N0} strategy-bars/s)");
        await output.WriteLineAsync(BacktestOutputWriter.SummaryTable(results, portfolioResult));
        if (experiments.Count > 0)
        {
            await output.WriteAsync(ExperimentOutputWriter.Table(experimentResults));
        }

        await output.WriteLineAsync($"wrote {options.OutputDirectory}");
        foreach (var failure in failures)
        {
            await error.WriteLineAsync(failure);
        }

        return failures.Count > 0 ? RunFailedExitCode : 0;
    }

    /// <summary>
    /// Reads an OHLCV file of <paramref name="instrument"/> for the backtest: with <c>--timeframe</c> as that timeframe,
    /// otherwise as the finest one and then restamped with the timeframe inferred from the timestamps. Writes a line
    /// naming the file, the bar count and the timeframe; on bad rows or an unreadable timeframe writes the errors
    /// (prefixed with <paramref name="option"/>) and returns null.
    /// </summary>
    private static async Task<(List<Bar> Bars, Timeframe Timeframe)?> ReadBarsAsync(
        string option, string path, InstrumentId instrument, BacktestOptions options, List<CsvRowError> bad, TextWriter output, TextWriter error)
    {
        List<Bar> bars;
        try
        {
            // Without --timeframe the file is read as the finest timeframe (only overlapping or repeated times fail),
            // then its timeframe is inferred from the smallest gap and the bars restamped with it.
            var reader = new OhlcvCsvReader(instrument, options.Timeframe ?? Timeframe.OneMinute, options.SkipBadRows ? BadRowPolicy.Skip : BadRowPolicy.Fail, options.SkipBadRows ? bad.Add : null);
            bars = reader.ReadAll(path).ToList();
        }
        catch (CsvDataException ex)
        {
            foreach (var e in ex.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return null;
        }

        string name = option == "--data" ? "data" : "benchmark data";
        if (options.Timeframe is { } given)
        {
            await output.WriteLineAsync($"{name}: {path}, {bars.Count} bars of {given.ToText()} (--timeframe)");
            return (bars, given);
        }

        Timeframe timeframe;
        try
        {
            timeframe = TimeframeInference.Infer(bars.Select(b => b.OpenTime).ToList(), path);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"{option}: {ex.Message}");
            return null;
        }

        bars = timeframe == Timeframe.OneMinute ? bars : bars.Select(b => b with { Timeframe = timeframe }).ToList();
        await output.WriteLineAsync($"{name}: {path}, {bars.Count} bars of {timeframe.ToText()} (inferred from the timestamps; --timeframe to set it)");
        return (bars, timeframe);
    }
}
