using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Hosting;

/// <summary>
/// Subscribes the portfolio grain to the strategy update stream once the silo has started (registered after the silo,
/// so it starts after it and before the demo seeder creates strategies), so that the portfolio sees every strategy
/// from its first update.
/// </summary>
public sealed class PortfolioStartup(IClusterClient client) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
        => client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).Ensure().WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
