using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

public sealed class StrategyIdReservationTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
        => _cluster = await TradingTestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_portfolio_scope_id_cannot_be_a_strategy_and_nothing_is_registered()
    {
        var strategy = _cluster.Client.GetGrain<IStrategyGrain>(IPortfolioGrain.Key);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => strategy.Create(new StrategySettings("buy-and-hold", [InstrumentId.Parse("SPX")], Timeframe.OneDay, 1_000m)));
        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
        Assert.Equal(StrategyStatus.None, (await strategy.GetSnapshot()).Status);
        Assert.DoesNotContain(await _cluster.Client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List(), id => id.ToString() == IPortfolioGrain.Key);
    }
}
