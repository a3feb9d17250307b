using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>
/// The judging tests' own server (a second <see cref="DashboardServer"/>, with its own silo on free ports), so that the
/// replay they need never runs before the tests of <see cref="DashboardCollection"/>, which start from fresh strategies.
/// </summary>
[CollectionDefinition(Name)]
public sealed class JudgingCollection : ICollectionFixture<JudgingServer>
{
    /// <summary>Collection name.</summary>
    public const string Name = "judging";
}

/// <summary>A <see cref="DashboardServer"/> with a replay of the demo data set that the tests run once, when first asked.</summary>
public sealed class JudgingServer : IAsyncLifetime
{
    /// <summary>The data set replayed (about 5,100 daily SPX bars).</summary>
    public const string DataSet = "sp500-daily-2000-2020";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task? _replay;

    /// <summary>The server.</summary>
    public DashboardServer Server { get; } = new();

    /// <inheritdoc/>
    public Task InitializeAsync() => Server.InitializeAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Server).DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>
    /// Starts the replay on the first call (as fast as possible) and completes once it has completed and every demo
    /// strategy has processed every bar (waits on the replay's status event and the grains, never on a clock).
    /// </summary>
    public async Task EnsureReplayedAsync()
    {
        Task replay;
        await _gate.WaitAsync();
        try
        {
            replay = _replay ??= ReplayAsync();
        }
        finally
        {
            _gate.Release();
        }

        await replay.WaitAsync(TimeSpan.FromMinutes(3));
    }

    private async Task ReplayAsync()
    {
        var service = Server.Services.GetRequiredService<MarketReplayService>();
        var done = new TaskCompletionSource<ReplayStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStatus(ReplayStatus s)
        {
            if (s.State is ReplayState.Completed or ReplayState.Failed or ReplayState.Stopped)
            {
                done.TrySetResult(s);
            }
        }

        service.StatusChanged += OnStatus;
        try
        {
            using var http = new HttpClient { BaseAddress = Server.BaseAddress };
            using var start = await http.PostAsJsonAsync("/api/v1/replays", new { dataSet = DataSet, symbol = "SPX", speed = 0 });
            start.EnsureSuccessStatusCode();
            OnStatus(service.Status);
            var final = await done.Task;
            if (final.State != ReplayState.Completed)
            {
                throw new InvalidOperationException($"The replay ended {final.State}: {final.Error}");
            }

            var client = Server.Services.GetRequiredService<IClusterClient>();
            foreach (var spec in DemoStrategies.Specs)
            {
                await client.GetGrain<IStrategyGrain>(DemoStrategies.IdFor(spec)).WaitForBars(final.TotalBars);
            }
        }
        finally
        {
            service.StatusChanged -= OnStatus;
        }
    }
}
