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
using TradingRobotPlug.Runtime;
using TradingRobotPlug.Runtime.Hosting;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// Runs a backtest through the cluster: starts an in-process silo, creates and starts one strategy grain per spec,
/// replays the CSV through the instrument grain (bars on the bar stream), waits for every strategy to see every bar
/// and for the portfolio grain to mark the last bar, and reads results back from the grains.
/// </summary>
public static class BacktestRunner
{
    private const int PublishChunk = 512;
    private static readonly TimeSpan PortfolioTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Exit code for bad input (strategy specs or CSV rows).</summary>
    public const int BadInputExitCode = 2;

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

        if (options.Capital <= 0)
        {
            problems.Add($"--capital: must be positive (was {options.Capital}).");
        }

        if (options.Strategies.Count == 0)
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
        List<Bar> bars;
        try
        {
            var reader = new OhlcvCsvReader(instrument, Timeframe.OneDay, options.SkipBadRows ? BadRowPolicy.Skip : BadRowPolicy.Fail, options.SkipBadRows ? bad.Add : null);
            bars = reader.ReadAll(options.DataPath).ToList();
        }
        catch (CsvDataException ex)
        {
            foreach (var e in ex.Errors)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return BadInputExitCode;
        }

        foreach (var e in bad)
        {
            await error.WriteLineAsync($"skipped {e}");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseSilo(silo => silo.AddTrading());
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var client = host.Services.GetRequiredService<IClusterClient>();

        // Subscribe the portfolio before any strategy exists, so that every strategy is one of its members.
        var portfolio = client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key);
        await portfolio.Ensure();

        var ids = options.Strategies.Select((s, i) => StrategyId.Parse($"s{i + 1:D3}")).ToList();
        for (int i = 0; i < ids.Count; i++)
        {
            var settings = new StrategySettings(options.Strategies[i], [instrument], Timeframe.OneDay, options.Capital, "all-in", options.FeeBps, 0m, 0m, options.SlippageBps);
            var grain = client.GetGrain<IStrategyGrain>(ids[i].ToString());
            await grain.Create(settings);
            await grain.Start();
        }

        var stopwatch = Stopwatch.StartNew();
        var instrumentGrain = client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        int published = 0;
        int lastPercent = -1;
        foreach (var chunk in bars.Chunk(PublishChunk))
        {
            await instrumentGrain.PublishBars([.. chunk]);
            published += chunk.Length;
            indicatorWriter?.AddRange(chunk);
            int percent = (int)(100L * published / bars.Count);
            if (percent / 10 != lastPercent / 10)
            {
                lastPercent = percent;
                await output.WriteLineAsync($"replay {percent,3}%  {published,6}/{bars.Count} bars  {published / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9):N0} bars/s");
            }
        }

        foreach (var id in ids)
        {
            await client.GetGrain<IStrategyGrain>(id.ToString()).WaitForBars(bars.Count);
        }

        stopwatch.Stop();
        PortfolioBacktestResult? portfolioResult = null;
        if (bars.Count > 0)
        {
            var portfolioSnapshot = await portfolio.WaitForMarks(bars[^1].CloseTime).WaitAsync(PortfolioTimeout, cancellationToken);
            var portfolioBuckets = new Dictionary<BucketLevel, ImmutableArray<MetricsSnapshot>>();
            foreach (var level in MetricsBook.Levels)
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
            foreach (var level in MetricsBook.Levels)
            {
                byLevel[level] = await client.GetGrain<IMetricsBucketGrain>($"{ids[i]}/{level.ToCanonicalString()}").GetPeriods(null, null);
            }

            results.Add(new BacktestResult(options.Strategies[i], await grain.GetSnapshot(), await grain.GetTrades(), await grain.GetEquityCurve(), byLevel));
        }

        await host.StopAsync(cancellationToken);

        Directory.CreateDirectory(options.OutputDirectory);
        BacktestOutputWriter.Write(options.OutputDirectory, instrument, results, portfolioResult);
        if (indicatorWriter is not null)
        {
            indicatorWriter.Write(Path.Combine(options.OutputDirectory, "indicators.csv"));
        }

        await output.WriteLineAsync($"replayed {bars.Count} bars through {ids.Count} strategies in {stopwatch.Elapsed.TotalSeconds:F2} s ({bars.Count * ids.Count / stopwatch.Elapsed.TotalSeconds:N0} strategy-bars/s)");
        await output.WriteLineAsync(BacktestOutputWriter.SummaryTable(results, portfolioResult));
        await output.WriteLineAsync($"wrote {options.OutputDirectory}");
        return 0;
    }
}
