using TradingRobotPlug.Grains.Tests.MarketData;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>The backtest command on bad input: a bad CSV row fails with exit code 2 naming file:line, or with
/// <c>--on-bad-row skip</c> is skipped, reported and the run completes; bad strategy specs fail before anything runs.</summary>
public sealed class BacktestBadInputTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "trp-badinput-" + Path.GetRandomFileName());

    private static TempCsv Csv() => new(
        "Date,Open,High,Low,Close,Volume",
        "2020-01-02,100,101,99,100.5,1000",
        "2020-01-03,100.5,102,100,101.5,1000",
        "2020-01-06,101.5,abc,101,102,1000",
        "2020-01-07,102,103,101,102.5,1000",
        "2020-01-08,102.5,104,102,103,1000",
        "2020-01-09,103,103.5,104,103.2,1000",
        "2020-01-10,103.2,105,103,104,1000");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private BacktestOptions Options(string path, bool skip) => new(path, "SPX", ["buy-and-hold"], 100_000m, 0m, 0m, null, _out, skip);

    [Fact]
    public async Task Bad_rows_fail_with_exit_code_2_naming_each_file_and_line()
    {
        using var csv = Csv();
        var error = new StringWriter();
        Assert.Equal(2, await BacktestRunner.RunAsync(Options(csv.Path, skip: false), new StringWriter(), error));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{csv.Path}:4: high:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{csv.Path}:7: ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public async Task Bad_rows_are_skipped_and_reported_with_on_bad_row_skip()
    {
        using var csv = Csv();
        var error = new StringWriter();
        Assert.Equal(0, await BacktestRunner.RunAsync(Options(csv.Path, skip: true), new StringWriter(), error));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Count(l => l.StartsWith($"skipped {csv.Path}:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith($"skipped {csv.Path}:4: high:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"skipped {csv.Path}:7: ", StringComparison.Ordinal));
        var equity = await File.ReadAllLinesAsync(Path.Combine(_out, "equity.csv"));
        Assert.Equal(1 + 5, equity.Length); // header and the five good bars
    }

    [Fact]
    public async Task Bad_strategy_specs_fail_before_anything_runs_naming_each()
    {
        using var csv = Csv();
        var error = new StringWriter();
        var options = Options(csv.Path, skip: false) with { Strategies = ["nope:x=1", "sma-cross:fast=50,slow=20"] };
        Assert.Equal(2, await BacktestRunner.RunAsync(options, new StringWriter(), error));
        Assert.Contains("--strategy \"nope:x=1\"", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--strategy \"sma-cross:fast=50,slow=20\"", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }
}
