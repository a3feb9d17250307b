using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Strategies;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>
/// The API on a real Kestrel port (127.0.0.1, a free port chosen by the OS) with the demo off, the seven demo
/// strategies created and started but no bars replayed yet, and headless Debian Chromium driven by Playwright.
/// One per test collection; each test opens its own browser context.
/// </summary>
public class DashboardServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Chromium from the Debian package (never downloaded by Playwright).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The browser shared by the collection.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Folder the tests save screenshots to: <c>TestResults/screenshots</c> under the test output.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Settings added to the server's (e.g. users, <see cref="UsersDashboardServer"/>); none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>(ExtraSettings)
        {
            ["Trading:Demo"] = "false",
            ["Trading:ReplaySpeed"] = "0",
        }));
    }

    /// <summary>Starts Kestrel, seeds the strategies and launches the browser.</summary>
    public async Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel exposes no server addresses.");
        BaseAddress = new Uri(addresses.Single());

        var client = Services.GetRequiredService<IClusterClient>();
        var instrument = InstrumentId.Parse("SPX");
        foreach (var spec in DemoStrategies.Specs)
        {
            var grain = client.GetGrain<IStrategyGrain>(DemoStrategies.IdFor(spec));
            await grain.Create(new StrategySettings(spec, [instrument], Timeframe.OneDay, 100_000m));
            await grain.Start();
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Closes the browser and stops the server.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
    }
}
