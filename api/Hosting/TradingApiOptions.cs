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

    /// <summary>
    /// Cluster id of a multi-silo cluster on <see cref="Postgres"/> (<c>--cluster-id</c>). Set: this process joins that
    /// cluster (as a silo, or as a client with <see cref="Client"/>) through the PostgreSQL membership table. Unset: a
    /// one-process cluster of its own.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>Silo-to-silo TCP port when joining a cluster (<c>--silo-port</c>); 1–65535.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway TCP port when joining a cluster (<c>--gateway-port</c>); 1–65535.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>IP address this silo is reached at by the others (<c>--advertised-address</c>); loopback by default.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Connect to the cluster as an Orleans client through the gateways listed in the membership table instead of
    /// hosting a silo (<c>--client</c>); needs <see cref="ClusterId"/> and <see cref="Postgres"/>. The Orleans
    /// dashboard is not served in this mode (it runs inside a silo).
    /// </summary>
    public bool Client { get; set; }

    /// <summary>Legacy API keys accepted in <c>X-Api-Key</c>: each key is its own owner <c>key-{n}</c> with the trader
    /// role (see <see cref="Security.TradingAuthenticationSettings"/>, which also reads <c>Trading:Users</c> and
    /// <c>Trading:Jwt</c>). With none of them the server is the one-user demo and listens on loopback only.</summary>
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

    /// <summary>Requests per second per owner (per client IP for anonymous callers) on the API; 0 = no rate limit (429 when exceeded).</summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> give the client's address and scheme (one hop; see
    /// <see cref="ForwardedProxies"/>). Empty by default: the headers are ignored. A malformed entry stops the host at start.
    /// </summary>
    public string[] ForwardedProxies { get; set; } = [];

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) of other sites allowed to call the API from a browser: they get CORS and
    /// pass the origin check on writes and the hub (<see cref="Features.Common.CrossSiteGuard"/>). Empty by default: only
    /// the dashboard served by this API, and callers that send no <c>Origin</c>.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Most SignalR pushes per second to one dashboard group (each push carries the latest values; lists
    /// accumulate between pushes); 1–1000.</summary>
    public int PushesPerSecond { get; set; } = 4;

    /// <summary>The data directory with its default applied.</summary>
    public string ResolvedDataDirectory => string.IsNullOrWhiteSpace(DataDirectory) ? Path.Combine(AppContext.BaseDirectory, "data") : DataDirectory;
}
