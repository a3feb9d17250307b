using System.Net;
using System.Net.Sockets;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Cluster.Tests;

/// <summary>
/// The API without authentication runs on loopback only, decided on the addresses Kestrel actually bound: the three
/// configurations that used to give an open non-loopback listener (a Kestrel endpoint on 0.0.0.0, an empty API key, a
/// host name that Kestrel binds to every interface) now stop the process with an error naming the cause, while a
/// loopback address, or any address with a key, starts. Each case is the real executable in its own process.
/// </summary>
public sealed class ListenerGuardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ClusterProcess Api(string name, IEnumerable<string> args, Dictionary<string, string?> environment)
    {
        environment["Trading__Demo"] = "false"; // no replay: only the host's start matters here
        environment["ASPNETCORE_URLS"] = null;
        return ClusterProcess.Start(name, "TradingRobotPlug.Api.dll", args, environment);
    }

    [Fact]
    public async Task Without_authentication_a_non_loopback_listener_stops_the_host_and_loopback_or_a_key_starts_it()
    {
        int[] ports = [.. Enumerable.Range(0, 6).Select(_ => FreePort())];
        using var kestrelEndpoint = Api("kestrel-endpoint", [], new() { ["Kestrel__Endpoints__E1__Url"] = $"http://0.0.0.0:{ports[0]}" });
        using var emptyKey = Api("empty-key", ["--urls", $"http://127.0.0.1:{ports[1]}"], new() { ["Trading__ApiKeys__0"] = "" });
        using var hostName = Api("host-name", ["--urls", $"http://loopback:{ports[2]}"], []);
        using var anyAddress = Api("any-address", ["--urls", $"http://0.0.0.0:{ports[3]}"], []);
        using var loopback = Api("loopback", ["--urls", $"http://127.0.0.1:{ports[4]}"], []);
        using var keyed = Api("keyed", ["--urls", $"http://0.0.0.0:{ports[5]}"], new() { ["Trading__ApiKeys__0"] = "a-key" });

        async Task Refused(ClusterProcess process, string expected)
        {
            await process.WaitForExitAsync().WaitAsync(Wait);
            Assert.True(process.ExitCode != 0, $"{process.Name} exited 0:\n{process.Output}");
            Assert.Contains(expected, process.Output);
        }

        async Task Serves(ClusterProcess process, int port, string notice)
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var timeout = new CancellationTokenSource(Wait);
            while (!process.Output.Contains(notice, StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"{process.Name} exited:\n{process.Output}");
                await Task.Delay(100, timeout.Token);
            }

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", timeout.Token)).StatusCode);
        }

        await Task.WhenAll(
            Refused(kestrelEndpoint, $"Refusing to run: listening on http://0.0.0.0:{ports[0]}, which is not loopback, without authentication."),
            Refused(emptyKey, "Trading:ApiKeys:0 is empty: an API key must not be empty"),
            Refused(hostName, "which is not loopback, without authentication."),
            Refused(anyAddress, $"Refusing to run: listening on http://0.0.0.0:{ports[3]}"),
            Serves(loopback, ports[4], "One-user demo: no API key configured"),
            Serves(keyed, ports[5], "1 API key(s) configured"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.8.9.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://[::ffff:127.0.0.1]:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://loopback:5000", false)]
    [InlineData("http://192.0.2.2:5000", false)]
    [InlineData("not a url", false)]
    public void Only_loopback_ips_and_localhost_count_as_loopback(string address, bool loopback)
        => Assert.Equal(loopback, LoopbackGuard.IsLoopbackAddress(address));
}
