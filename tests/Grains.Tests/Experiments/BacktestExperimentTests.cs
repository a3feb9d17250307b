using System.Globalization;
using System.Text.Json;
using TradingRobotPlug.Grains.Tests.MarketData;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Experiments;

/// <summary>The headless <c>backtest --experiment</c>: both arms in the outputs, experiments.json equal to a recomputation from equity.csv.</summary>
public sealed class BacktestExperimentTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "trp-experiment-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private BacktestOptions Options(string data, IReadOnlyList<string> strategies, IReadOnlyList<string> experiments)
        => new(data, "SPX", strategies, 100_000m, 1m, 2m, null, _out, false, Experiments: experiments);

    [Fact]
    public async Task Experiments_json_equals_the_statistics_recomputed_from_equity_csv()
    {
        using var csv = new TempCsv([.. File.ReadLines(BacktestOptions.DefaultDataPath).Take(1 + 1500)]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var options = Options(csv.Path, ["buy-and-hold"],
        [
            "name=trend;control=sma-cross:fast=50,slow=200;treatment=sma-cross:fast=20,slow=100",
            " treatment = rsi-reversion:period=14 ; name = revert ; control = bollinger-reversion ",
        ]);
        Assert.True(await BacktestRunner.RunAsync(options, stdout, stderr) == 0, stderr.ToString());

        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "summary.json"))).RootElement;
        Assert.Equal(
            ["buy-and-hold", "trend/control", "trend/treatment", "revert/control", "revert/treatment", "portfolio"],
            summary.EnumerateArray().Select(r => r.GetProperty("strategy").GetString()!).ToArray());
        var trades = File.ReadAllLines(Path.Combine(_out, "trades.csv"));
        Assert.Contains(trades, l => l.StartsWith("trend/treatment,SPX,", StringComparison.Ordinal));

        var equity = File.ReadAllLines(Path.Combine(_out, "equity.csv")).Skip(1)
            .Select(l => l.Split(','))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Select(p => (DateTimeOffset.Parse(p[1], CultureInfo.InvariantCulture), decimal.Parse(p[2], CultureInfo.InvariantCulture))).ToList());
        var experiments = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "experiments.json"))).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, experiments.Count);
        foreach (var e in experiments)
        {
            string control = e.GetProperty("control").GetString()!, treatment = e.GetProperty("treatment").GetString()!;
            Assert.Equal(e.GetProperty("name").GetString() + "/control", control);
            var r = ExperimentReference.FromEquity(equity[control], 100_000m, equity[treatment], 100_000m);
            Assert.Equal(1500, r.N);
            Assert.Equal(r.N, e.GetProperty("n").GetInt32());
            Close(r.MeanDifference, e, "mean_difference");
            Close(r.CiLow, e, "ci_low");
            Close(r.CiHigh, e, "ci_high");
            Close(r.T, e, "t");
            Close(r.P, e, "p_value");
            Close(r.DailySharpeControl * Math.Sqrt(252), e, "sharpe_control");
            Close(r.DailySharpeTreatment * Math.Sqrt(252), e, "sharpe_treatment");
            Close(r.Z, e, "sharpe_difference_z");
            Close(r.ZP, e, "sharpe_difference_p");
            Assert.Equal(r.DaysNeeded, e.GetProperty("days_needed").GetInt64());

            // the arms' Sharpe ratios are those of summary.json (same daily returns)
            var row = summary.EnumerateArray().Single(x => x.GetProperty("strategy").GetString() == control);
            Assert.Equal(row.GetProperty("sharpe").GetDouble(), e.GetProperty("sharpe_control").GetDouble(), 9);
        }

        Assert.Contains("experiment trend:", stdout.ToString());
    }

    [Fact]
    public async Task Without_experiments_no_experiments_json_is_written()
    {
        using var csv = new TempCsv([.. File.ReadLines(BacktestOptions.DefaultDataPath).Take(1 + 50)]);
        Assert.Equal(0, await BacktestRunner.RunAsync(Options(csv.Path, ["buy-and-hold"], []), new StringWriter(), new StringWriter()));
        Assert.False(File.Exists(Path.Combine(_out, "experiments.json")));
        Assert.True(File.Exists(Path.Combine(_out, "summary.json")));
    }

    [Theory]
    [InlineData("name=trend;control=sma-cross:fast=50,slow=200", "part 'treatment': is required")]
    [InlineData("name=trend;control=sma-cross:fast=50,slow=200;treatment=nope", "part 'treatment': ")]
    [InlineData("name=trend;control=sma-cross:fast=500,slow=200;treatment=buy-and-hold", "part 'control': ")]
    [InlineData("name=;control=buy-and-hold;treatment=buy-and-hold", "part 'name': is required")]
    [InlineData("name=tr€nd;control=buy-and-hold;treatment=buy-and-hold", "part 'name': has the character '€'")]
    [InlineData("name=trend;control=buy-and-hold;treatment=buy-and-hold;colour=red", "part 'colour': unknown part")]
    [InlineData("name=trend;control=buy-and-hold;treatment=buy-and-hold;name=again", "part 'name': given more than once")]
    [InlineData("trend;control=buy-and-hold;treatment=buy-and-hold", "part 'trend': expected name=VALUE")]
    public async Task Invalid_experiments_fail_with_exit_code_2_naming_the_part(string experiment, string message)
    {
        using var csv = new TempCsv([.. File.ReadLines(BacktestOptions.DefaultDataPath).Take(1 + 50)]);
        var stderr = new StringWriter();
        Assert.Equal(BacktestRunner.BadInputExitCode, await BacktestRunner.RunAsync(Options(csv.Path, [], [experiment]), new StringWriter(), stderr));
        Assert.Contains($"--experiment \"{experiment}\": {message}", stderr.ToString());
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public async Task Two_experiments_with_one_name_fail()
    {
        using var csv = new TempCsv([.. File.ReadLines(BacktestOptions.DefaultDataPath).Take(1 + 50)]);
        var stderr = new StringWriter();
        var same = "name=trend;control=buy-and-hold;treatment=sma-cross:fast=5,slow=10";
        Assert.Equal(BacktestRunner.BadInputExitCode, await BacktestRunner.RunAsync(Options(csv.Path, [], [same, same]), new StringWriter(), stderr));
        Assert.Contains("part 'name': 'trend' is used by another --experiment", stderr.ToString());
    }

    private static void Close(double? expected, JsonElement e, string field)
    {
        var actual = e.GetProperty(field).GetDouble();
        Assert.True(Math.Abs(expected!.Value - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"{field}: expected {expected:R}, was {actual:R}");
    }
}
