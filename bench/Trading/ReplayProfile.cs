using System.Diagnostics;
using TradingRobotPlug.Benchmarks.Measurement;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Metrics;
using TradingRobotPlug.Grains.Strategies;
using static TradingRobotPlug.Benchmarks.Trading.StrategyMix;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Where the plain loop of the replay spends its time (<c>replay-profile</c>): the same bars and strategies, split
/// into the parts of <see cref="StrategyEngine.OnBar"/> that can run on their own — the strategy's decision
/// (indicators), the metrics book's equity marks (every bucket level; without and with a benchmark equity), the
/// strategy's shadow buy-and-hold benchmark account, the metrics book with the closed and open buckets
/// drained into snapshots every 512 bars (as the strategy grain does per batch), and the whole engine — with wall time and
/// bytes allocated on the (single) measuring thread per strategy-bar. Three passes; the last is reported.
/// </summary>
public static class ReplayProfile
{
    /// <summary>Runs the profile and prints one line per part.</summary>
    public static int Run(TradingBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var instrument = InstrumentId.Parse("SPX");
        var bars = new OhlcvCsvReader(instrument, Timeframe.OneDay).ReadAll(options.DataPath);
        var settings = Create(options.Strategies, _ => instrument, Timeframe.OneDay);
        var registry = StrategyRegistry.Default;
        long strategyBars = (long)bars.Count * settings.Count;
        for (int pass = 1; pass <= 3; pass++)
        {
            Console.WriteLine($"pass {pass} (load {MachineInfo.LoadAverage()}):");
            Measure("strategy decisions only (indicators)", strategyBars, () =>
            {
                foreach (var s in settings)
                {
                    var strategy = registry.Create(s.Spec);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        strategy.OnBar(bars[b]);
                    }
                }
            });
            Measure("metrics book marks only (8 bucket levels)", strategyBars, () =>
            {
                foreach (var s in settings)
                {
                    var book = new MetricsBook(s.InitialCapital, s.Timeframe);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        book.AddMark(new EquityMark(bars[b].OpenTime, bars[b].Close * 10m, false));
                    }
                }
            });
            Measure("metrics book marks with a benchmark + drain per 512", strategyBars, () =>
            {
                // As the next part, with marks carrying a benchmark equity: the difference is the cost of the
                // benchmark-relative figures per mark.
                foreach (var s in settings)
                {
                    var book = new MetricsBook(s.InitialCapital, s.Timeframe, s.InitialCapital);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        book.AddMark(new EquityMark(bars[b].OpenTime, bars[b].Close * 10m, false, bars[b].Close * 9m));
                        if ((b + 1) % 512 == 0 || b == bars.Count - 1)
                        {
                            foreach (var level in book.Levels)
                            {
                                _ = book.DrainClosed(level);
                                _ = book.OpenSnapshot(level);
                            }
                        }
                    }
                }
            });
            Measure("benchmark account only (buy-and-hold shadow)", strategyBars, () =>
            {
                for (int i = 0; i < settings.Count; i++)
                {
                    var benchmark = new BuyAndHoldBenchmark(StrategyId.Parse($"p{i:D4}"), settings[i], instrument);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        benchmark.OnBar(bars[b]);
                    }
                }
            });
            Measure("metrics book marks + drain per 512 bars", strategyBars, () =>
            {
                // As the strategy grain does once per batch: every closed bucket becomes a snapshot, plus the open ones.
                foreach (var s in settings)
                {
                    var book = new MetricsBook(s.InitialCapital, s.Timeframe);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        book.AddMark(new EquityMark(bars[b].OpenTime, bars[b].Close * 10m, false));
                        if ((b + 1) % 512 == 0 || b == bars.Count - 1)
                        {
                            foreach (var level in book.Levels)
                            {
                                _ = book.DrainClosed(level);
                                _ = book.OpenSnapshot(level);
                            }
                        }
                    }
                }
            });
            Measure("equity curve points only", strategyBars, () =>
            {
                foreach (var s in settings)
                {
                    var curve = new List<EquityPoint>();
                    for (int b = 0; b < bars.Count; b++)
                    {
                        curve.Add(new EquityPoint(bars[b].OpenTime, bars[b].Close));
                    }
                }
            });
            Measure("whole engine (the plain loop)", strategyBars, () =>
            {
                for (int i = 0; i < settings.Count; i++)
                {
                    var engine = new StrategyEngine(StrategyId.Parse($"p{i:D4}"), settings[i], registry);
                    for (int b = 0; b < bars.Count; b++)
                    {
                        engine.OnBar(bars[b]);
                    }
                }
            });
        }

        return 0;
    }

    private static void Measure(string name, long operations, Action action)
    {
        GC.Collect();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        double seconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"  {name,-52} {seconds,7:F3} s  {seconds * 1e9 / operations,8:N0} ns  {(double)allocated / operations,7:N0} B  {cpu * 1e9 / operations,8:N0} ns CPU (process) per strategy-bar");
    }
}
