using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Command line of the trading benchmarks:
/// <c>replay [--repeat N] [--strategies N] [--data PATH]</c> and
/// <c>load [--repeat N] [--symbols N] [--per-symbol N] [--tick-seconds N] [--hours H] [--round N] [--stream-cache-seconds N] [--seed N]
/// [--create-concurrency N] [--cluster ID --postgres CS --silos N [--postgres-pid PID]]</c>.
/// </summary>
public sealed class TradingBenchmarkOptions
{
    internal const int DefaultReplayRepeat = 5;
    internal const int DefaultLoadRepeat = 3;
    internal const int DefaultCreateConcurrency = 256;
    internal const int DefaultClusterCreateConcurrency = 16;

    /// <summary>"replay", "replay-profile" or "load".</summary>
    public string Suite { get; private set; } = "replay";

    /// <summary>Repetitions (replay: interleaved pairs of grain run and plain loop); medians are reported.</summary>
    public int Repeat { get; private set; }

    /// <summary>Replay: number of strategy grains.</summary>
    public int Strategies { get; private set; } = 100;

    /// <summary>Replay: the daily bars.</summary>
    public string DataPath { get; private set; } = Path.Combine("data", "sp500-daily-2000-2020.csv");

    /// <summary>Load: synthetic symbols.</summary>
    public int Symbols { get; private set; } = 500;

    /// <summary>Load: strategies following each symbol.</summary>
    public int PerSymbol { get; private set; } = 20;

    /// <summary>Load: seconds between ticks of a symbol.</summary>
    public int TickSeconds { get; private set; } = 5;

    /// <summary>Load: length of the simulated trading session in hours (6.5 = a US equity day).</summary>
    public double Hours { get; private set; } = 6.5;

    /// <summary>Load: ticks per symbol in one <c>PublishTicks</c> call (one stream event on Orleans).</summary>
    public int TicksPerRound { get; private set; } = 60;

    /// <summary>Load, experiment: when set, the memory stream provider's cache keeps delivered events this many seconds
    /// (<c>StreamCacheEvictionOptions.DataMinTimeInCache</c>; Orleans' default is 5 minutes) instead of the product's setting.</summary>
    public int? StreamCacheSeconds { get; private set; }

    /// <summary>Load on a cluster: the cluster id of the <c>load-silo</c> processes to drive as a client (null: an in-process silo).</summary>
    public string? Cluster { get; private set; }

    /// <summary>Load on a cluster: the Npgsql connection string of the cluster's database (membership, state).</summary>
    public string? Postgres { get; private set; }

    /// <summary>Load on a cluster: how many silos must be active before the strategies are created.</summary>
    public int Silos { get; private set; }

    /// <summary>Load on a cluster, optional: the PostgreSQL server's postmaster pid, to report the server's CPU in the window.</summary>
    public int? PostgresPid { get; private set; }

    /// <summary>
    /// Load: strategies created and started at a time (256 in process; 16 with <c>--cluster</c>, where every
    /// <c>Create</c> waits for the one strategy directory grain's PostgreSQL write of its whole id set, so 256 at a time
    /// queue past the cluster's 10 s response timeout — measured).
    /// </summary>
    public int CreateConcurrency { get; private set; }

    /// <summary>Load: seed of the tick generator.</summary>
    public long Seed { get; private set; } = 20261121;

    /// <summary>The arguments as given, for the report.</summary>
    public string CommandLine { get; private set; } = string.Empty;

    /// <summary>Parses the arguments of <c>replay</c> or <c>load</c>.</summary>
    /// <exception cref="ArgumentException">An argument is unknown or malformed.</exception>
    public static TradingBenchmarkOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is not ("replay" or "replay-profile" or "load"))
        {
            throw new ArgumentException("The first argument must be the suite name: replay, replay-profile or load.");
        }

        var options = new TradingBenchmarkOptions
        {
            Suite = args[0],
            Repeat = args[0] != "load" ? DefaultReplayRepeat : DefaultLoadRepeat,
            CommandLine = string.Join(' ', args),
        };
        for (int i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--repeat":
                    options.Repeat = PositiveInt(Next(), "--repeat");
                    break;
                case "--strategies":
                    options.Strategies = PositiveInt(Next(), "--strategies");
                    break;
                case "--data":
                    options.DataPath = Next();
                    break;
                case "--symbols":
                    options.Symbols = PositiveInt(Next(), "--symbols");
                    break;
                case "--per-symbol":
                    options.PerSymbol = PositiveInt(Next(), "--per-symbol");
                    break;
                case "--tick-seconds":
                    options.TickSeconds = PositiveInt(Next(), "--tick-seconds");
                    break;
                case "--hours":
                    var text = Next();
                    options.Hours = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0 && hours <= 24
                        ? hours
                        : throw new ArgumentException($"--hours must be a number in (0, 24] (was '{text}').");
                    break;
                case "--round":
                    options.TicksPerRound = PositiveInt(Next(), "--round");
                    break;
                case "--stream-cache-seconds":
                    options.StreamCacheSeconds = PositiveInt(Next(), "--stream-cache-seconds");
                    break;
                case "--create-concurrency":
                    options.CreateConcurrency = PositiveInt(Next(), "--create-concurrency");
                    break;
                case "--cluster":
                    options.Cluster = Next();
                    break;
                case "--postgres":
                    options.Postgres = Next();
                    break;
                case "--silos":
                    options.Silos = PositiveInt(Next(), "--silos");
                    break;
                case "--postgres-pid":
                    options.PostgresPid = PositiveInt(Next(), "--postgres-pid");
                    break;
                case "--seed":
                    var seedText = Next();
                    options.Seed = long.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
                        ? seed
                        : throw new ArgumentException($"--seed must be an integer (was '{seedText}').");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (options.Cluster is not null || options.Postgres is not null || options.Silos != 0 || options.PostgresPid is not null)
        {
            if (options.Suite != "load" || options.Cluster is null || options.Postgres is null || options.Silos == 0)
            {
                throw new ArgumentException("A cluster tick load needs load with --cluster, --postgres and --silos together.");
            }

            if (options.StreamCacheSeconds is not null)
            {
                throw new ArgumentException("--stream-cache-seconds applies to the in-process silo only, not with --cluster.");
            }

            if (args.Contains("--repeat") && options.Repeat != 1)
            {
                throw new ArgumentException("With --cluster a run needs a fresh database and silos: --repeat must be 1 (run the script again).");
            }

            options.Repeat = 1;
        }

        if (options.CreateConcurrency == 0)
        {
            options.CreateConcurrency = options.Cluster is null ? DefaultCreateConcurrency : DefaultClusterCreateConcurrency;
        }

        return options;
    }

    private static int PositiveInt(string text, string name)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer (was '{text}').");
}
