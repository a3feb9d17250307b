using System.Globalization;

namespace TradingRobotPlug.Benchmarks;

/// <summary>Command line of the benchmark runner.</summary>
public sealed class BenchmarkOptions
{
    internal const int DefaultSeconds = 5;
    internal const int DefaultWarmupSeconds = 2;
    internal const int DefaultRepeat = 3;
    internal const int DefaultStreamBatch = 100;

    /// <summary>Measured window of each run.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(DefaultSeconds);

    /// <summary>Warm-up before each window.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(DefaultWarmupSeconds);

    /// <summary>Runs per scenario; the median is reported.</summary>
    public int Repeat { get; private set; } = DefaultRepeat;

    /// <summary>Items per stream event in the stream scenarios (Orleans memory streams: each publish is one queued
    /// event; the product publishes whole batches as one event).</summary>
    public int StreamBatch { get; private set; } = DefaultStreamBatch;

    /// <summary>Scenarios to run (empty: all): a name (<c>calls-100</c>) or a group (<c>calls</c> = every <c>calls-*</c>).</summary>
    public IReadOnlyList<string> Only { get; private set; } = [];

    /// <summary>Whether to update the results file.</summary>
    public bool WriteResults { get; private set; } = true;

    /// <summary>The results file (markdown).</summary>
    public string ResultsPath { get; private set; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>The arguments as given, for the report.</summary>
    public string CommandLine { get; private set; } = string.Empty;

    /// <summary>Whether a scenario is selected by <see cref="Only"/>.</summary>
    public bool Includes(string scenario) => Only.Count == 0 || Only.Any(o =>
        string.Equals(scenario, o, StringComparison.OrdinalIgnoreCase) || scenario.StartsWith(o + "-", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>runtime [--seconds N] [--warmup N] [--repeat N] [--only a,b] [--stream-batch N] [--no-write] [--results PATH]</c>.</summary>
    /// <exception cref="ArgumentException">An argument is unknown or malformed.</exception>
    public static BenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "runtime")
        {
            throw new ArgumentException("The first argument must be the suite name: runtime.");
        }

        var options = new BenchmarkOptions { CommandLine = string.Join(' ', args) };
        for (int i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--seconds":
                    options.Duration = TimeSpan.FromSeconds(PositiveInt(Next(), "--seconds"));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(PositiveInt(Next(), "--warmup"));
                    break;
                case "--repeat":
                    options.Repeat = PositiveInt(Next(), "--repeat");
                    break;
                case "--only":
                    options.Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--stream-batch":
                    options.StreamBatch = PositiveInt(Next(), "--stream-batch");
                    break;
                case "--no-write":
                    options.WriteResults = false;
                    break;
                case "--results":
                    options.ResultsPath = Next();
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return options;
    }

    private static int PositiveInt(string text, string name)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer (was '{text}').");
}
