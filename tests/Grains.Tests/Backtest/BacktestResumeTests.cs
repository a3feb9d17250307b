using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;
using TradingRobotPlug.Silo.Backtest;

namespace TradingRobotPlug.Grains.Tests.Backtest;

/// <summary>
/// The backtest command with <c>--postgres</c>: a run killed part way (kill -9 semantics: <see cref="Process.Kill(bool)"/>
/// of the silo CLI child process) and started again with <c>--resume</c> writes exactly the files of an uninterrupted
/// in-memory run; a fresh run refuses a database that already holds the run's state.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed partial class BacktestResumeTests(PostgresServerFixture postgres) : IDisposable
{
    private static readonly string[] Specs = ["sma-cross:fast=50,slow=200", "rsi-reversion:period=14,lower=30,upper=70", "donchian-breakout:entry=20,exit=10", "buy-and-hold"];
    private static readonly string[] Outputs = ["summary.json", "trades.csv", "equity.csv", "buckets.csv"];
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "trp-resume-" + Path.GetRandomFileName());

    private static string DataPath => Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_killed_part_way_then_resumed_writes_the_same_files_as_an_uninterrupted_run()
    {
        string reference = Path.Combine(_root, "reference");
        var refOut = new StringWriter();
        var refErr = new StringWriter();
        Assert.Equal(0, await BacktestRunner.RunAsync(Options(reference), refOut, refErr));

        string database = await postgres.CreateDatabaseAsync("resume_cli");
        string resumed = Path.Combine(_root, "resumed");
        string[] common = ["backtest", "--data", DataPath, .. Specs.SelectMany(s => new[] { "--strategy", s }), "--fee-bps", "5", "--slippage-bps", "2", "--out", resumed, "--postgres", database];

        // Run 1: slowed down (50-bar chunks, 25 ms apart, a progress line per chunk) and killed once 1,000 bars are acknowledged.
        var partWay = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var first = StartSilo([.. common, "--publish-chunk", "50", "--throttle-ms", "25"], line =>
        {
            if (ProgressLine().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= 1_000)
            {
                partWay.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }))
        {
            var exited = first.WaitForExitAsync();
            var done = await Task.WhenAny(partWay.Task, exited).WaitAsync(Timeout);
            Assert.True(done == partWay.Task, "the first run ended before reaching 1,000 bars");
            first.Kill(entireProcessTree: true);
            await exited.WaitAsync(Timeout);
        }

        Assert.False(File.Exists(Path.Combine(resumed, "summary.json")));

        // Run 2: --resume publishes only the bars the database does not hold and finishes.
        var lines = new List<string>();
        using (var second = StartSilo([.. common, "--resume"], line => { lock (lines) { lines.Add(line); } }))
        {
            await second.WaitForExitAsync().WaitAsync(Timeout);
            Assert.True(second.ExitCode == 0, $"resume exited {second.ExitCode}:\n{string.Join('\n', lines)}");
        }

        var resumeLine = Assert.Single(lines, l => l.StartsWith("resume: ", StringComparison.Ordinal));
        var held = ResumeLine().Match(resumeLine);
        Assert.True(held.Success, resumeLine);
        int already = int.Parse(held.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(already, await partWay.Task, 5_104); // part way: at least what the killed run reported, not everything

        foreach (var file in Outputs)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(reference, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(resumed, file))),
                $"{file} of the resumed run differs from the uninterrupted run's");
        }

        // A fresh run (no --resume) against the same database refuses to mix runs.
        var error = new StringWriter();
        Assert.Equal(BacktestRunner.BadInputExitCode, await BacktestRunner.RunAsync(Options(Path.Combine(_root, "fresh")) with { PostgresConnectionString = database }, new StringWriter(), error));
        Assert.Contains("already holds 5105 bars of SPX; add --resume", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("strategy s001 already exists in the database (status Running)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_requires_postgres()
    {
        var error = new StringWriter();
        Assert.Equal(BacktestRunner.BadInputExitCode, await BacktestRunner.RunAsync(Options(Path.Combine(_root, "x")) with { Resume = true }, new StringWriter(), error));
        Assert.Contains("--resume: requires --postgres", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    private static BacktestOptions Options(string output) => new(DataPath, "SPX", Specs, 100_000m, 5m, 2m, null, output, false);

    private static Process StartSilo(IEnumerable<string> args, Action<string> onLine)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TradingRobotPlug.Silo.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine("stderr: " + line);
            }
        };
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [GeneratedRegex(@"^replay\s+\d+%\s+(\d+)/\d+ bars")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^resume: SPX already holds (\d+) of 5105 bars; publishing the remaining \d+$")]
    private static partial Regex ResumeLine();
}
