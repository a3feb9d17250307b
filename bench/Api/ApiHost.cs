extern alias api;

using TradingRobotPlug.Grains.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using api::TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Benchmarks.Api;

/// <summary>
/// The API process hosted in this process through the same composition as <c>api/Program.cs</c>
/// (<c>AddTradingRobotPlug</c>, <c>MapTradingRobotPlug</c>), on a real Kestrel port on loopback, with in-memory grain
/// storage, no demo and warnings-only logging. The grains are reachable directly through <see cref="Client"/>.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = app.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>http://127.0.0.1:port/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The co-hosted silo's client.</summary>
    public IClusterClient Client { get; }

    /// <summary>Builds and starts the API with <paramref name="pushesPerSecond"/> (<c>Trading:PushesPerSecond</c>).</summary>
    public static async Task<ApiHost> StartAsync(int pushesPerSecond, string dataDirectory)
    {
        int port = TradingClusterHosting.FreeLoopbackPort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = typeof(TradingApiOptions).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Trading:Demo"] = "false",
            ["Trading:PushesPerSecond"] = pushesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Trading:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:TradingRobotPlug.Api.Hosting.LoopbackGuard"] = "Error",
        });
        builder.AddTradingRobotPlug();

        var app = builder.Build();
        app.MapTradingRobotPlug();
        await app.StartAsync();
        return new ApiHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

}
