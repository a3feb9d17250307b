using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Api;

/// <summary>
/// Command line of the API benchmark: <c>api [--only snapshot,tick,clients] [--rate N] [--seconds N] [--warmup N]
/// [--connections N] [--strategies N] [--rounds N] [--chunk N] [--paced-rate N] [--paced-seconds N] [--high-push-rate N] [--clients N]
/// [--client-replay-speed N] [--data-dir PATH]</c>.
/// </summary>
public sealed class ApiBenchmarkOptions
{
    /// <summary>Every scenario, in the order they run.</summary>
    public static IReadOnlyList<string> AllScenarios { get; } = ["snapshot", "tick", "clients"];

    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<string> Scenarios { get; private set; } = AllScenarios;

    /// <summary>Snapshot: offered load, requests per second (open loop).</summary>
    public int Rate { get; private set; } = 2000;

    /// <summary>Snapshot: measured seconds.</summary>
    public double Seconds { get; private set; } = 10;

    /// <summary>Snapshot: warm-up seconds at the same rate (not recorded).</summary>
    public double Warmup { get; private set; } = 3;

    /// <summary>Snapshot: most HTTP/1.1 connections of the load generator.</summary>
    public int Connections { get; private set; } = 256;

    /// <summary>Strategy grains on SPX daily bars in every scenario.</summary>
    public int Strategies { get; private set; } = 10;

    /// <summary>Tick-to-browser: full-speed replays per push rate (a fresh API each).</summary>
    public int Rounds { get; private set; } = 2;

    /// <summary>Tick-to-browser: bars per <c>PublishBars</c> call (the replay service's full-speed chunk is 256).</summary>
    public int Chunk { get; private set; } = 256;

    /// <summary>Tick-to-browser, paced mode: bars per second, one bar per call.</summary>
    public double PacedRate { get; private set; } = 50;

    /// <summary>Tick-to-browser, paced mode: seconds of publishing per round.</summary>
    public double PacedSeconds { get; private set; } = 8;

    /// <summary>Tick-to-browser: the high push rate that separates coalescing delay from transport cost.</summary>
    public int HighPushRate { get; private set; } = 1000;

    /// <summary>Concurrent clients: SignalR connections.</summary>
    public int Clients { get; private set; } = 1000;

    /// <summary>Concurrent clients: replay speed in bars per second during the measurement (0 = as fast as possible).</summary>
    public double ClientReplaySpeed { get; private set; } = 500;

    /// <summary>Folder with the replayable data sets (the repository's <c>data</c> when run from its root).</summary>
    public string DataDirectory { get; private set; } = Path.GetFullPath("data");

    /// <summary>The arguments as given, for the report.</summary>
    public string CommandLine { get; private set; } = "api";

    /// <summary>Parses the arguments (the first is <c>api</c>).</summary>
    /// <exception cref="ArgumentException">An argument is unknown or malformed.</exception>
    public static ApiBenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "api")
        {
            throw new ArgumentException("The first argument must be the suite name: api.");
        }

        var o = new ApiBenchmarkOptions { CommandLine = string.Join(' ', args) };
        for (int i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--only":
                    var names = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = names.Where(n => !AllScenarios.Contains(n)).ToList();
                    if (unknown.Count > 0 || names.Length == 0)
                    {
                        throw new ArgumentException($"--only takes {string.Join(", ", AllScenarios)} (unknown: {string.Join(", ", unknown)}).");
                    }

                    o.Scenarios = [.. AllScenarios.Where(names.Contains)];
                    break;
                case "--rate": o.Rate = PositiveInt(Next(), "--rate"); break;
                case "--seconds": o.Seconds = PositiveDouble(Next(), "--seconds"); break;
                case "--warmup": o.Warmup = PositiveDouble(Next(), "--warmup"); break;
                case "--connections": o.Connections = PositiveInt(Next(), "--connections"); break;
                case "--strategies": o.Strategies = PositiveInt(Next(), "--strategies"); break;
                case "--rounds": o.Rounds = PositiveInt(Next(), "--rounds"); break;
                case "--paced-rate": o.PacedRate = PositiveDouble(Next(), "--paced-rate"); break;
                case "--paced-seconds": o.PacedSeconds = PositiveDouble(Next(), "--paced-seconds"); break;
                case "--chunk": o.Chunk = PositiveInt(Next(), "--chunk"); break;
                case "--high-push-rate": o.HighPushRate = PositiveInt(Next(), "--high-push-rate"); break;
                case "--clients": o.Clients = PositiveInt(Next(), "--clients"); break;
                case "--client-replay-speed":
                    o.ClientReplaySpeed = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (o.ClientReplaySpeed < 0)
                    {
                        throw new ArgumentException("--client-replay-speed must be >= 0.");
                    }

                    break;
                case "--data-dir": o.DataDirectory = Path.GetFullPath(Next()); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        return o;
    }

    private static int PositiveInt(string text, string name)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer (was '{text}').");

    private static double PositiveDouble(string text, string name)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : throw new ArgumentException($"{name} must be a positive number (was '{text}').");
}
