using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Strategies;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Replay;

/// <summary>
/// When <see cref="TradingApiOptions.Demo"/> is on: creates the seven demo strategies on SPX daily bars (idempotent),
/// starts those not running, and starts a replay of the bundled S&amp;P 500 file at <see cref="TradingApiOptions.ReplaySpeed"/>.
/// </summary>
public sealed partial class DemoSeeder(
    IClusterClient client,
    MarketReplayService replay,
    IOptions<TradingApiOptions> options,
    ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>The bundled data set.</summary>
    public const string DataSet = "sp500-daily-2000-2020";

    /// <summary>The demo instrument.</summary>
    public const string Symbol = "SPX";

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Demo)
        {
            return;
        }

        var instrument = InstrumentId.Parse(Symbol);
        foreach (var spec in DemoStrategies.Specs)
        {
            var grain = client.GetGrain<IStrategyGrain>(DemoStrategies.IdFor(spec));
            await grain.Create(new StrategySettings(spec, [instrument], Timeframe.OneDay, o.DemoCapital));
            if ((await grain.GetSnapshot()).Status is not StrategyStatus.Running)
            {
                await grain.Start();
            }
        }

        var status = await replay.StartAsync(new ReplayRequest(DataSet, Symbol, o.ReplaySpeed), cancellationToken);
        LogInformationDemoStarted(logger, DemoStrategies.Specs.Count, status.TotalBars - status.PublishedBars, o.ReplaySpeed);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Strategies} strategies on SPX; replaying {Bars} bars at {Speed} bars/s (0 = as fast as possible)")]
    private static partial void LogInformationDemoStarted(ILogger logger, int strategies, int bars, double speed);
}
