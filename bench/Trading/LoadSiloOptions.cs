using System.Globalization;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>Command line of <c>load-silo --postgres CS --cluster-id ID --silo-port N --gateway-port N</c> (<see cref="LoadSilo"/>).</summary>
/// <param name="Postgres">Npgsql connection string of the cluster's database.</param>
/// <param name="ClusterId">The cluster id shared by the silos and the driver.</param>
/// <param name="SiloPort">Silo-to-silo TCP port on 127.0.0.1.</param>
/// <param name="GatewayPort">Client gateway TCP port on 127.0.0.1.</param>
public sealed record LoadSiloOptions(string Postgres, string ClusterId, int SiloPort, int GatewayPort)
{
    /// <summary>Parses the arguments (the first is the verb).</summary>
    /// <exception cref="ArgumentException">An argument is unknown, malformed or missing.</exception>
    public static LoadSiloOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? postgres = null;
        string? clusterId = null;
        int siloPort = 0;
        int gatewayPort = 0;
        for (int i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--postgres":
                    postgres = Next();
                    break;
                case "--cluster-id":
                    clusterId = Next();
                    break;
                case "--silo-port":
                    siloPort = Port(Next(), "--silo-port");
                    break;
                case "--gateway-port":
                    gatewayPort = Port(Next(), "--gateway-port");
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return postgres is null || clusterId is null || siloPort == 0 || gatewayPort == 0
            ? throw new ArgumentException("load-silo needs --postgres, --cluster-id, --silo-port and --gateway-port.")
            : new LoadSiloOptions(postgres, clusterId, siloPort, gatewayPort);
    }

    private static int Port(string text, string name)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65_535
            ? port
            : throw new ArgumentException($"{name} must be a TCP port in 1–65535 (was '{text}').");
}
