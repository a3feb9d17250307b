using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace TradingRobotPlug.Grains.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests. When the environment variable <c>TRP_POSTGRES_CONNECTION</c> is set its
/// connection string is used and nothing is started; otherwise a private cluster is created with <c>initdb</c> in a
/// temporary directory, started with <c>pg_ctl</c> on a free port of 127.0.0.1 (fsync off: fast, not durable) and
/// stopped and deleted on disposal. <see cref="StartPrivateAsync"/> always creates a private one, which a test can stop and
/// start again (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) to see what happens while PostgreSQL is down.
/// When the process runs as root the tools run as the <c>postgres</c> OS user via
/// <c>runuser</c>, because <c>initdb</c> refuses root.
/// </summary>
/// <remarks>Start one per test assembly through <see cref="PostgresServerFixture"/>; each test class or test takes
/// its own database from <see cref="CreateDatabaseAsync"/>.</remarks>
public sealed partial class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable naming an existing server to use instead of starting one.</summary>
    public const string ConnectionEnvironmentVariable = "TRP_POSTGRES_CONNECTION";

    private const string PostgresUser = "postgres";
    private const string ServerDatabase = "trp_tests";
    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string? _binDirectory;
    private readonly string? _rootDirectory;
    private readonly bool _runAsPostgres;
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _createdDatabasesLock = new();
    private int _disposed;
    private int _port;

    private PostgresServer(string connectionString, string? binDirectory, string? rootDirectory, bool runAsPostgres)
    {
        ConnectionString = connectionString;
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsPostgres = runAsPostgres;
    }

    /// <summary>Connection string of the server's test database (superuser <c>postgres</c>, trust authentication).</summary>
    public string ConnectionString { get; private set; }

    /// <summary>Whether the server came from <c>TRP_POSTGRES_CONNECTION</c> and is not owned (not stopped) by this instance.</summary>
    public bool IsExternal => _rootDirectory is null;

    /// <summary>
    /// Uses the server named by <c>TRP_POSTGRES_CONNECTION</c>, or creates and starts a private one (typically 1–3 s).
    /// </summary>
    /// <param name="cancellationToken">Cancels the start; a partly created server is cleaned up.</param>
    /// <exception cref="InvalidOperationException">
    /// The PostgreSQL tools were not found, or a tool failed; the message includes the tool's output and the server log.
    /// </exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        string? external = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, binDirectory: null, rootDirectory: null, runAsPostgres: false);
        }

        return await StartPrivateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates and starts a private server even when <c>TRP_POSTGRES_CONNECTION</c> is set (typically 1–3 s), for tests
    /// that stop and start the server (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) and so must not share it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start; a partly created server is cleaned up.</param>
    /// <exception cref="InvalidOperationException">
    /// The PostgreSQL tools (<c>initdb</c>, <c>pg_ctl</c> on PATH or in /usr/lib/postgresql/*/bin) were not found, or a
    /// tool failed; the message includes the tool's output and the server log.
    /// </exception>
    public static async Task<PostgresServer> StartPrivateAsync(CancellationToken cancellationToken = default)
    {
        string binDirectory = FindBinDirectory();
        bool runAsPostgres = Environment.IsPrivilegedProcess || Environment.UserName == "root";
        string root = Path.Combine(Path.GetTempPath(), "trp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(string.Empty, binDirectory, root, runAsPostgres);
        try
        {
            if (runAsPostgres)
            {
                await server.RunAsync("chown", [$"{PostgresUser}:", root], asPostgres: false, cancellationToken).ConfigureAwait(false);
            }

            string dataDirectory = Path.Combine(root, "data");
            await server.RunToolAsync(
                "initdb",
                ["-D", dataDirectory, "-A", "trust", "-U", PostgresUser, "--no-sync", "-E", "UTF8", "--no-locale"],
                cancellationToken).ConfigureAwait(false);

            int port = await server.StartServerAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            server._port = port;
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = IPAddress.Loopback.ToString(),
                Port = port,
                Username = PostgresUser,
                Database = "postgres",
                IncludeErrorDetail = true,
            };
            await ExecuteAsync(builder.ConnectionString, $"CREATE DATABASE \"{ServerDatabase}\"", cancellationToken).ConfigureAwait(false);
            builder.Database = ServerDatabase;
            server.ConnectionString = builder.ConnectionString;
            return server;
        }
        catch (Exception startFailure)
        {
            try
            {
                await server.StopAndDeleteAsync().ConfigureAwait(false);
            }
            catch (Exception cleanupFailure)
            {
                throw new AggregateException("Starting PostgreSQL failed, and so did cleaning up.", startFailure, cleanupFailure);
            }

            throw;
        }
    }

    /// <summary>
    /// Creates an empty database and returns a connection string for it. A unique suffix is appended to
    /// <paramref name="name"/>, so tests sharing a server (even an external one across runs) never see each
    /// other's data.
    /// </summary>
    /// <param name="name">Name prefix: <c>[a-z_][a-z0-9_]*</c>, at most 40 characters.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The connection string of the new database (same host, port and credentials as <see cref="ConnectionString"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid prefix.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed.</exception>
    /// <exception cref="NpgsqlException">The server rejected the statement.</exception>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Database name prefix '{name}' must match [a-z_][a-z0-9_]* and have at most 40 characters.", nameof(name));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string database = $"{name}_{Guid.NewGuid():N}"[..(name.Length + 13)];
        await ExecuteAsync(ConnectionString, $"CREATE DATABASE \"{database}\"", cancellationToken).ConfigureAwait(false);
        lock (_createdDatabasesLock)
        {
            _createdDatabases.Add(database);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Stops the private server (<c>pg_ctl -m fast stop</c>: open sessions are ended, new connections are refused, and
    /// what was committed is on disk), as in a PostgreSQL outage; <see cref="StartAgainAsync"/> brings it back with its
    /// data. (Not <c>-m immediate</c>: the server runs with <c>synchronous_commit=off</c> for speed, so a crash stop could
    /// lose commits already acknowledged, which a production server does not.)
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the tool.</param>
    /// <exception cref="InvalidOperationException">The server is external (not ours to stop), or <c>pg_ctl</c> failed.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed.</exception>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        string dataDirectory = OwnedDataDirectory();
        return RunToolAsync("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
    }

    /// <summary>Starts the private server again after <see cref="StopAsync"/>, on the same port (so existing connection
    /// strings work again), and returns when it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels waiting for the tool.</param>
    /// <exception cref="InvalidOperationException">The server is external, or <c>pg_ctl</c> failed (e.g. another process
    /// took the port meanwhile); the message includes the server log.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed.</exception>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        string dataDirectory = OwnedDataDirectory();
        string logFile = Path.Combine(_rootDirectory!, "server.log");
        try
        {
            await RunToolAsync("pg_ctl", ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", ServerOptions(_port), "start"], cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}Server log ({logFile}):{Environment.NewLine}{ReadLog(logFile)}", ex);
        }
    }

    private string OwnedDataDirectory()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (IsExternal)
        {
            throw new InvalidOperationException($"The server named by {ConnectionEnvironmentVariable} is not ours to stop or start; use {nameof(StartPrivateAsync)}.");
        }

        return Path.Combine(_rootDirectory!, "data");
    }

    /// <summary>
    /// Stops and deletes an owned server (<c>pg_ctl -m immediate stop</c>); for an external server drops the databases
    /// made by <see cref="CreateDatabaseAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Stopping the owned server failed; the message includes the tool's output.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (IsExternal)
        {
            string[] databases;
            lock (_createdDatabasesLock)
            {
                databases = [.. _createdDatabases];
            }

            foreach (string database in databases)
            {
                await ExecuteAsync(ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None)
                    .ConfigureAwait(false);
            }

            return;
        }

        await StopAndDeleteAsync().ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        // Pooling off: a pooled connection to this maintenance database would outlive the test and block DROP DATABASE.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The directory holding both <c>initdb</c> and <c>pg_ctl</c>: PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is not null)
        {
            candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(DebianRoot))
        {
            candidates.AddRange(
                Directory.GetDirectories(DebianRoot)
                    .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out int major) ? major : -1)
                    .Select(dir => Path.Combine(dir, "bin")));
        }

        foreach (string candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server tools (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
            $"Install the 'postgresql' package or set {ConnectionEnvironmentVariable} to a server's connection string.");
    }

    private static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the server on a free port, retrying with another port if one was taken in between.</summary>
    private async Task<int> StartServerAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        string root = _rootDirectory!;
        string logFile = Path.Combine(root, "server.log");
        for (int attempt = 1; ; attempt++)
        {
            int port = GetFreePort();
            string serverOptions = ServerOptions(port);
            try
            {
                // -l: the server must not inherit our stdout pipe, or reading it would never end.
                await RunToolAsync(
                    "pg_ctl",
                    ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"],
                    cancellationToken).ConfigureAwait(false);
                return port;
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts && ReadLog(logFile).Contains("could not bind", StringComparison.Ordinal))
            {
                // Another process took the port between probing and binding: handled by retrying on a new port.
                File.Delete(logFile);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}Server log ({logFile}):{Environment.NewLine}{ReadLog(logFile)}", ex);
            }
        }
    }

    /// <summary>The server's command-line options (<c>pg_ctl -o</c>): loopback on <paramref name="port"/>, the socket in
    /// the root directory, and no durability work (fast, not crash-safe).</summary>
    private string ServerOptions(int port)
        // pg_ctl hands -o to the server through /bin/sh; the socket directory is a Guid path without quotes or spaces.
        => $"-c listen_addresses=127.0.0.1 -p {port} -k '{_rootDirectory}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    private static string ReadLog(string logFile) => File.Exists(logFile) ? File.ReadAllText(logFile) : "<no log written>";

    private async Task StopAndDeleteAsync()
    {
        if (_rootDirectory is null)
        {
            return;
        }

        string dataDirectory = Path.Combine(_rootDirectory, "data");
        try
        {
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                await RunToolAsync("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            if (Directory.Exists(_rootDirectory))
            {
                Directory.Delete(_rootDirectory, recursive: true);
            }
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory!, tool), arguments, _runAsPostgres, cancellationToken);

    /// <summary>Runs a program to completion; a non-zero exit throws with its stderr and stdout.</summary>
    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            // The postgres user may not be able to enter the test's working directory (e.g. under /root).
            WorkingDirectory = _rootDirectory ?? Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (string prefix in (string[])["-u", PostgresUser, "--", fileName])
            {
                startInfo.ArgumentList.Add(prefix);
            }
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        string commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => AppendLine(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => AppendLine(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{commandLine}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new InvalidOperationException(
                $"'{commandLine}' did not finish within {ToolTimeout.TotalSeconds:0} s.{Environment.NewLine}stderr: {Snapshot(stderr)}{Environment.NewLine}stdout: {Snapshot(stdout)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{commandLine}' exited with code {process.ExitCode}.{Environment.NewLine}stderr: {Snapshot(stderr)}{Environment.NewLine}stdout: {Snapshot(stdout)}");
        }
    }

    private static void AppendLine(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString().TrimEnd();
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseNamePattern();
}
