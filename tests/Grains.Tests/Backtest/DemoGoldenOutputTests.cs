using System.IO.Compression;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>
/// The demo backtest (the seven demo strategies on the bundled S&amp;P 500 file, no fees or slippage: what
/// <c>dotnet run --project silo</c> writes) reproduces, byte for byte, the outputs committed in <c>Backtest/Golden/</c>.
/// They were written by the last build on the project's own actor runtime, before the move onto Microsoft Orleans, so
/// this test holds the Orleans build to exactly the numbers users saw before. A deliberate change to a number
/// (e.g. a metric's definition) regenerates them with <c>dotnet run --project silo -c Release -- backtest --out DIR</c>
/// and says so in the commit.
/// </summary>
public sealed class DemoGoldenOutputTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "trp-golden-" + Path.GetRandomFileName());

    private static string GoldenPath(string file) => Path.Combine(AppContext.BaseDirectory, "Backtest", "Golden", file);

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_backtest_writes_the_golden_outputs_byte_for_byte()
    {
        var options = new BacktestOptions(BacktestOptions.DefaultDataPath, "SPX", BacktestOptions.DemoStrategies, 100_000m, 0m, 0m, null, _out, false);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(await BacktestRunner.RunAsync(options, stdout, stderr) == 0, $"the demo backtest failed:\n{stderr}");

        AssertSameLines("summary.json", File.ReadAllText(GoldenPath("summary.json")));
        AssertSameLines("trades.csv", File.ReadAllText(GoldenPath("trades.csv")));
        AssertSameLines("equity.csv", ReadGzip(GoldenPath("equity.csv.gz")));
        AssertSameLines("buckets.csv", ReadGzip(GoldenPath("buckets.csv.gz")));
    }

    private void AssertSameLines(string file, string golden)
    {
        string actual = File.ReadAllText(Path.Combine(_out, file));
        if (actual == golden)
        {
            return;
        }

        // Name the first differing line, so a failure says which strategy, row and figure moved.
        string[] expectedLines = golden.Split('\n');
        string[] actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
        {
            Assert.True(expectedLines[i] == actualLines[i], $"{file} line {i + 1} differs:\n  golden: {expectedLines[i]}\n  actual: {actualLines[i]}");
        }

        Assert.Fail($"{file} has {actualLines.Length} lines, the golden file {expectedLines.Length}");
    }

    private static string ReadGzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
