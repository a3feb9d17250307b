using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>
/// Issue 10, defect 4: a backtest of a one-minute file (timestamps like <c>2020-01-02 09:31:00</c>) used to read every
/// row as a daily bar, fill each order a day (1,440 rows) later, and exit 0 while failures were only logged. Now the
/// timeframe is given (<c>--timeframe</c>) or inferred from the timestamps and stated, the strategies trade exactly as
/// the engine does on those bars, overlapping bars are refused with the line named, and a strategy failing inside a run
/// fails the run (exit 3) with its reason.
/// </summary>
public sealed class BacktestIntradayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trp-intraday-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A session-hours minute file: 09:31–16:00 on consecutive weekdays from 2020-01-02, a deterministic random walk
    /// around 100 (so the strategies trade), <paramref name="rows"/> rows.
    /// </summary>
    private string MinuteFile(int rows, int minutes = 1)
    {
        var random = new Random(42);
        var time = new DateTime(2020, 1, 2, 9, 31, 0);
        decimal price = 100m;
        var lines = new List<string> { "date,open,high,low,close,volume" };
        for (int i = 0; i < rows; i++)
        {
            decimal open = price;
            decimal close = Math.Round(price * (1m + (decimal)((random.NextDouble() - 0.5) * 0.004)), 2);
            decimal high = Math.Max(open, close) + 0.02m, low = Math.Min(open, close) - 0.02m;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{open},{high},{low},{close},{random.Next(100, 1000)}"));
            price = close;
            time = time.AddMinutes(minutes);
            if (time.TimeOfDay > new TimeSpan(16, 0, 0))
            {
                time = time.Date.AddDays(time.DayOfWeek == DayOfWeek.Friday ? 3 : 1).AddHours(9).AddMinutes(31);
            }
        }

        string path = Path.Combine(_dir, $"m{minutes}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static BacktestOptions Options(string data, string output, Timeframe? timeframe, params string[] specs)
        => new(data, "MIN", specs, 100_000m, 5m, 0m, null, output, false, Timeframe: timeframe);

    [Fact]
    public async Task A_minute_file_is_inferred_as_1m_and_trades_exactly_as_the_engine_on_minute_bars()
    {
        string data = MinuteFile(3_000);
        string output = Path.Combine(_dir, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(await BacktestRunner.RunAsync(Options(data, output, null, "sma-cross:fast=5,slow=20"), stdout, stderr) == 0, stderr.ToString());
        Assert.Contains("3000 bars of 1m (inferred from the timestamps", stdout.ToString());

        // The independent run: the engine over the same rows read as one-minute bars.
        var bars = new OhlcvCsvReader(InstrumentId.Parse("MIN"), Timeframe.OneMinute).ReadAll(data).ToList();
        var engine = new StrategyEngine(StrategyId.Parse("s001"), new StrategySettings("sma-cross:fast=5,slow=20", [InstrumentId.Parse("MIN")], Timeframe.OneMinute, 100_000m, "all-in", 5m), StrategyRegistry.Default);
        foreach (var bar in bars)
        {
            engine.OnBar(bar);
        }

        Assert.True(engine.ClosedTrades.Count > 50, $"{engine.ClosedTrades.Count} trades");
        var trades = File.ReadAllLines(Path.Combine(output, "trades.csv")).Skip(1).Where(l => !l.Contains(",,")).ToList();
        Assert.Equal(engine.ClosedTrades.Count, trades.Count);
        Assert.Equal(engine.ClosedTrades.Select(t => t.EntryTime.ToString("O", CultureInfo.InvariantCulture)), trades.Select(l => l[(l.LastIndexOf('"') + 2)..].Split(',')[2])); // after the quoted spec: symbol, side, entry_time

        // The portfolio holds that one strategy: same trade count and final equity.
        string summary = File.ReadAllText(Path.Combine(output, "summary.json"));
        Assert.Equal(2, summary.Split($"\"trades\": {engine.ClosedTrades.Count},").Length - 1);
        Assert.Contains($"\"final_equity\": {engine.Account.Equity.ToString(CultureInfo.InvariantCulture)}", summary);

        // Minute bars keep the hourly level; each hourly bucket holds that hour's marks (60, or 30 in the 09:00 hour).
        var hourly = File.ReadAllLines(Path.Combine(output, "buckets.csv")).Where(l => l.StartsWith("sma-cross:fast=5,slow=20,hourly,", StringComparison.Ordinal) || l.StartsWith("\"sma-cross:fast=5,slow=20\",hourly,", StringComparison.Ordinal)).ToList();
        Assert.Equal(bars.Select(b => b.OpenTime.UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture)).Distinct().Count(), hourly.Count);
    }

    [Fact]
    public async Task A_five_minute_file_given_as_daily_is_refused_with_the_line_named_and_given_as_5m_runs()
    {
        string data = MinuteFile(400, minutes: 5);
        var stderr = new StringWriter();
        Assert.Equal(BacktestRunner.BadInputExitCode, await BacktestRunner.RunAsync(Options(data, Path.Combine(_dir, "daily"), Timeframe.OneDay, "buy-and-hold"), new StringWriter(), stderr));
        Assert.Contains(":3", stderr.ToString()); // line 3: the second data row opens before the first "daily" bar closes
        Assert.Contains("overlap", stderr.ToString());

        var stdout = new StringWriter();
        Assert.Equal(0, await BacktestRunner.RunAsync(Options(data, Path.Combine(_dir, "five"), Timeframe.FiveMinutes, "buy-and-hold"), stdout, stderr));
        Assert.Contains("400 bars of 5m (--timeframe)", stdout.ToString());
        Assert.Contains(",hourly,", File.ReadAllText(Path.Combine(_dir, "five", "buckets.csv"))); // 5-minute bars keep the hourly level
    }

    [Fact]
    public async Task A_strategy_failing_inside_the_run_fails_the_run_with_exit_3_and_its_reason_and_the_others_are_written()
    {
        // sma-cross 1/3 compounds about 10.5 % per four bars on this pattern until its equity leaves StrategyLimits.
        decimal[] opens = [105m, 95m, 105m, 95m];
        decimal[] closes = [105m, 100m, 105m, 100m];
        var lines = new List<string> { "date,open,high,low,close,volume" };
        var start = new DateTime(2020, 1, 1, 0, 0, 0);
        for (int i = 0; i < 4_000; i++)
        {
            decimal open = opens[i % 4], close = closes[i % 4];
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):yyyy-MM-dd HH:mm:ss},{open},{Math.Max(open, close)},{Math.Min(open, close)},{close},100"));
        }

        string data = Path.Combine(_dir, "osc.csv");
        File.WriteAllLines(data, lines);
        string output = Path.Combine(_dir, "osc");
        var stderr = new StringWriter();
        int exit = await BacktestRunner.RunAsync(new BacktestOptions(data, "OSC", ["sma-cross:fast=1,slow=3", "buy-and-hold"], 100_000m, 0m, 0m, null, output, false), new StringWriter(), stderr);
        Assert.Equal(BacktestRunner.RunFailedExitCode, exit);
        Assert.Contains("s001 (sma-cross:fast=1,slow=3) failed: Strategy 's001': equity", stderr.ToString());
        Assert.DoesNotContain("s002", stderr.ToString());
        Assert.Contains("\"strategy\": \"buy-and-hold\"", File.ReadAllText(Path.Combine(output, "summary.json")));
    }
}
