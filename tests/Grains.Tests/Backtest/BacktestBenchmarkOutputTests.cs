using System.Globalization;
using System.Text.Json;
using TradingRobotPlug.Grains.Tests.MarketData;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>
/// The benchmark-relative fields end to end through the headless backtest: summary.json (per strategy and for the
/// portfolio), buckets.csv and equity.csv carry them; <c>--benchmark</c> of another instrument reads its bars from <c>--benchmark-data</c>.
/// </summary>
public sealed class BacktestBenchmarkOutputTests : IDisposable
{
    private static readonly string[] BenchmarkFields =
        ["alpha", "beta", "correlation", "tracking_error", "information_ratio", "up_capture", "down_capture", "excess_return"];

    private readonly string _out = Path.Combine(Path.GetTempPath(), "trp-benchmark-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    /// <summary>A gently oscillating market: 120 weekdays of bars (<paramref name="count"/>), or another one with <paramref name="phase"/>.</summary>
    private static TempCsv Csv(int count = 120, double phase = 0, int skipEvery = 0)
    {
        var rows = new List<string> { "Date,Open,High,Low,Close,Volume" };
        var day = new DateOnly(2020, 1, 1);
        for (int i = 0; i < count; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            if (skipEvery > 0 && i % skipEvery == skipEvery - 1)
            {
                i++;
                continue;
            }

            double close = 100 + (10 * Math.Sin((i / 7.0) + phase)) + (0.05 * i);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{close - 0.3:F2},{close + 1:F2},{close - 1:F2},{close:F2},1000"));
            i++;
        }

        return new TempCsv([.. rows]);
    }

    [Fact]
    public async Task Summary_buckets_and_equity_carry_the_benchmark_fields_for_strategies_and_the_portfolio()
    {
        using var csv = Csv();
        var options = new BacktestOptions(csv.Path, "SPX", ["buy-and-hold", "sma-cross:fast=3,slow=10"], 100_000m, 1m, 2m, null, _out, false, Benchmark: "SPX");
        var error = new StringWriter();
        Assert.True(await BacktestRunner.RunAsync(options, new StringWriter(), error) == 0, error.ToString());

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json")));
        var rows = summary.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        Assert.Equal(["buy-and-hold", "sma-cross:fast=3,slow=10", "portfolio"], rows.Keys);
        foreach (var row in rows.Values)
        {
            Assert.Equal("SPX", row.GetProperty("benchmark").GetString());
            foreach (var field in BenchmarkFields)
            {
                // Buy-and-hold has no active risk, so its information ratio is undefined (null); every other figure is a number.
                bool undefined = row.GetProperty("strategy").GetString() == "buy-and-hold" && field == "information_ratio";
                Assert.Equal(undefined ? JsonValueKind.Null : JsonValueKind.Number, row.GetProperty(field).ValueKind);
            }

            Assert.Equal(JsonValueKind.Number, row.GetProperty("realized_pnl").ValueKind);
        }

        // Buy-and-hold is its own benchmark (the same all-in buy at the same fill, the same fees and slippage).
        var hold = rows["buy-and-hold"];
        Assert.Equal(1.0, hold.GetProperty("beta").GetDouble(), 12);
        Assert.Equal(0.0, hold.GetProperty("excess_return").GetDouble());
        Assert.Equal(0.0, hold.GetProperty("tracking_error").GetDouble());
        Assert.Equal(0m, hold.GetProperty("realized_pnl").GetDecimal());
        Assert.NotEqual(0m, hold.GetProperty("net_pnl").GetDecimal());

        // The strategy traded: realized P&L is the sum of its closed trades (trades.csv), net P&L the marked equity change.
        var cross = rows["sma-cross:fast=3,slow=10"];
        var closed = (await File.ReadAllLinesAsync(Path.Combine(_out, "trades.csv"))).Skip(1)
            .Select(Fields).Where(c => c[0] == "sma-cross:fast=3,slow=10" && c[5].Length > 0).ToList();
        Assert.NotEmpty(closed);
        Assert.Equal(closed.Sum(c => decimal.Parse(c[8], CultureInfo.InvariantCulture)), cross.GetProperty("realized_pnl").GetDecimal());
        Assert.Equal(cross.GetProperty("final_equity").GetDecimal() - 100_000m, cross.GetProperty("net_pnl").GetDecimal());
        Assert.NotEqual(0.0, cross.GetProperty("excess_return").GetDouble());

        var buckets = await File.ReadAllLinesAsync(Path.Combine(_out, "buckets.csv"));
        var header = buckets[0].Split(',');
        foreach (var column in BenchmarkFields.Concat(["benchmark", "realized_pnl", "net_pnl"]))
        {
            Assert.Contains(column, header);
        }

        int benchmarkColumn = Array.IndexOf(header, "benchmark");
        int betaColumn = Array.IndexOf(header, "beta");
        var allTime = buckets.Skip(1).Select(Fields).Where(c => c[1] == "all_time").ToList();
        Assert.Equal(3, allTime.Count);
        Assert.All(allTime, c => Assert.Equal("SPX", c[benchmarkColumn]));
        Assert.Equal(hold.GetProperty("beta").GetDouble(), double.Parse(allTime[0][betaColumn], CultureInfo.InvariantCulture));

        var equity = await File.ReadAllLinesAsync(Path.Combine(_out, "equity.csv"));
        Assert.Equal("strategy,time,equity,benchmark_equity", equity[0]);
        Assert.All(equity.Skip(1).Where(l => l.StartsWith("buy-and-hold,", StringComparison.Ordinal)), l =>
        {
            var c = l.Split(',');
            Assert.Equal(c[2], c[3]);
        });
    }

    /// <summary>The fields of a CSV line whose first field may be quoted (a spec with commas).</summary>
    private static string[] Fields(string line)
    {
        if (!line.StartsWith('"'))
        {
            return line.Split(',');
        }

        int close = line.IndexOf("\",", 1, StringComparison.Ordinal);
        return [line[1..close], .. line[(close + 2)..].Split(',')];
    }

    [Fact]
    public async Task A_benchmark_on_another_instrument_is_the_buy_and_hold_of_its_file()
    {
        using var data = Csv();
        using var other = Csv(phase: 2.0, skipEvery: 11); // another market, closed on some of the data's dates
        var options = new BacktestOptions(data.Path, "SPX", ["sma-cross:fast=3,slow=10", "rsi-reversion"], 100_000m, 1m, 2m, null, _out, false, Benchmark: "NDX", BenchmarkDataPath: other.Path);
        var error = new StringWriter();
        var output = new StringWriter();
        Assert.True(await BacktestRunner.RunAsync(options, output, error) == 0, error.ToString());
        Assert.Contains("benchmark: NDX (", output.ToString());

        // Independently: the buy-and-hold strategy run on the benchmark's file as its data, same capital, fees and slippage.
        string holderOut = _out + "-holder";
        try
        {
            var holder = new BacktestOptions(other.Path, "NDX", ["buy-and-hold"], 100_000m, 1m, 2m, null, holderOut, false);
            Assert.True(await BacktestRunner.RunAsync(holder, new StringWriter(), error) == 0, error.ToString());
            using var held = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(holderOut, "summary.json")));
            double expected = held.RootElement[0].GetProperty("total_return").GetDouble();

            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json")));
            var rows = summary.RootElement.EnumerateArray().ToList();
            foreach (var row in rows.Take(2))
            {
                Assert.Equal("NDX", row.GetProperty("benchmark").GetString());
                Assert.Equal(expected, row.GetProperty("benchmark_return").GetDouble(), 12);
                Assert.Equal(row.GetProperty("total_return").GetDouble() - expected, row.GetProperty("excess_return").GetDouble(), 12);
            }

            // The holder's equity on the dates both markets traded is the strategies' benchmark equity there.
            var holderEquity = File.ReadLines(Path.Combine(holderOut, "equity.csv")).Skip(1).Select(l => l.Split(','))
                .ToDictionary(f => f[1], f => decimal.Parse(f[2], CultureInfo.InvariantCulture));
            var marks = File.ReadLines(Path.Combine(_out, "equity.csv")).Skip(1).Select(l => Fields(l)).Where(f => f[0] == "sma-cross:fast=3,slow=10").ToList();
            Assert.Equal(120, marks.Count);
            int shared = 0;
            foreach (var f in marks.Where(f => holderEquity.ContainsKey(f[1])))
            {
                Assert.Equal(holderEquity[f[1]], decimal.Parse(f[3], CultureInfo.InvariantCulture));
                shared++;
            }

            Assert.InRange(shared, 100, 119);
        }
        finally
        {
            if (Directory.Exists(holderOut))
            {
                Directory.Delete(holderOut, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_benchmark_on_another_instrument_without_its_bars_or_with_too_few_is_refused_with_exit_code_2()
    {
        using var data = Csv();
        using var shorter = Csv(count: 100);
        using var hourly = new TempCsv("Date,Open,High,Low,Close,Volume", "2020-01-01 10:00:00,1,1,1,1,1", "2020-01-01 11:00:00,1,1,1,1,1", "2020-01-01 12:00:00,1,1,1,1,1");
        async Task<string> Refused(BacktestOptions options)
        {
            var error = new StringWriter();
            Assert.Equal(2, await BacktestRunner.RunAsync(options, new StringWriter(), error));
            Assert.False(Directory.Exists(_out));
            return error.ToString();
        }

        var baseOptions = new BacktestOptions(data.Path, "SPX", ["buy-and-hold"], 100_000m, 0m, 0m, null, _out, false, Benchmark: "NDX");
        Assert.Contains("--benchmark: NDX is not --symbol SPX, so its bars are needed: give them with --benchmark-data <file>.", await Refused(baseOptions));
        Assert.Contains("--benchmark-data: file 'nope.csv' does not exist.", await Refused(baseOptions with { BenchmarkDataPath = "nope.csv" }));
        Assert.Contains("--benchmark-data: its last bar closes 2020-05-20T00:00:00.0000000+00:00, before the last bar of --data", await Refused(baseOptions with { BenchmarkDataPath = shorter.Path }));
        Assert.Contains("--benchmark-data: bars of 1h, but --data has bars of 1d", await Refused(baseOptions with { BenchmarkDataPath = hourly.Path }));
        Assert.Contains("--benchmark-data: needs --benchmark naming an instrument other than --symbol", await Refused(baseOptions with { Benchmark = null, BenchmarkDataPath = shorter.Path }));
    }
}
