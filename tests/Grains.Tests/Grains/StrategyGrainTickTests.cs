using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

public sealed class StrategyGrainTickTests : IAsyncLifetime
{
    private static readonly InstrumentId Tck = InstrumentId.Parse("TCK1");
    private static readonly DateTimeOffset Open = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
        => _cluster = await TradingTestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_tick_between_bars_marks_the_open_position_without_a_new_bar()
    {
        var strategy = _cluster.Client.GetGrain<IStrategyGrain>("tick-mark");
        await strategy.Create(new StrategySettings("buy-and-hold", [Tck], Timeframe.OneMinute, 10_000m));
        await strategy.Start();
        var instrument = _cluster.Client.GetGrain<IInstrumentGrain>(Tck.Symbol);

        // Bar 0 (14:30) decides to buy on its close; bar 1 (14:31) fills at its open; the 14:32 tick completes bar 1.
        await instrument.PublishTicks([Tick.Create(Tck, Open, 100m, 1m), Tick.Create(Tck, Open.AddMinutes(1), 100m, 1m), Tick.Create(Tck, Open.AddMinutes(2), 100m, 1m)], Timeframe.OneMinute);
        Assert.Equal(2, await strategy.WaitForBars(2).WaitAsync(TimeSpan.FromSeconds(30)));
        var before = await strategy.GetSnapshot();
        var position = Assert.Single(before.Positions);
        Assert.True(position.Quantity > 0);

        await instrument.PublishTicks([Tick.Create(Tck, Open.AddMinutes(2.5), 110m, 1m)], Timeframe.OneMinute);

        // Ticks raise no event a test could wait on, so wait (bounded) for the mark to show in the snapshot.
        decimal expected = before.Cash + (position.Quantity * 110m);
        var after = await strategy.GetSnapshot();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (after.Equity != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            after = await strategy.GetSnapshot();
        }

        Assert.Equal(expected, after.Equity);
        Assert.Equal(2, after.BarsProcessed);
        Assert.Equal(before.Trades, after.Trades);
    }
}
