namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// The API process's settings, bound from the configuration section <see cref="Section"/> (appsettings.json,
/// environment variables <c>Trading__Xxx</c>, or the command line: <c>--postgres</c>, <c>--replay-speed</c>,
/// <c>--demo</c>, <c>--urls</c>).
/// </summary>
public sealed class TradingApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Trading";

    /// <summary>PostgreSQL connection string for durable grain state; null or empty = in-memory storage.</summary>
    public string? Postgres { get; set; }

    /// <summary>API keys accepted in <c>X-Api-Key</c> on write endpoints; empty = no key needed, and the server then
    /// listens on loopback only.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Create the seven demo strategies on the bundled S&amp;P 500 file and start a replay at start-up.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Replay speed of the start-up demo in bars per second; 0 = as fast as possible.</summary>
    public double ReplaySpeed { get; set; } = 50;

    /// <summary>Starting capital of each demo strategy, account currency.</summary>
    public decimal DemoCapital { get; set; } = 100_000m;

    /// <summary>Folder of the replayable data sets (<c>*.csv</c>; a data set's name is its file name without extension).
    /// Default: <c>data</c> next to the executable.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Most ticks accepted in one POST; a bigger batch gets 413.</summary>
    public int MaxTickBatch { get; set; } = 10_000;

    /// <summary>Requests per second per client IP on the API; 0 = no rate limit (429 when exceeded).</summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>Most SignalR pushes per second to one dashboard group (each push carries the latest values; lists
    /// accumulate between pushes); 1–1000.</summary>
    public int PushesPerSecond { get; set; } = 4;

    /// <summary>The data directory with its default applied.</summary>
    public string ResolvedDataDirectory => string.IsNullOrWhiteSpace(DataDirectory) ? Path.Combine(AppContext.BaseDirectory, "data") : DataDirectory;
}
