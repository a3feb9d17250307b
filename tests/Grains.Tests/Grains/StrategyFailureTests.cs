using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// Issue 10, defect 5: valid input that compounds an all-in strategy's equity past what <see cref="decimal"/> holds used
/// to throw OverflowException inside the grain, after which reads answered 500, later batches were dropped and a
/// restart on PostgreSQL could not activate it. Now the strategy is marked Failed with the reason at the bar where its
/// equity leaves <see cref="StrategyLimits"/>; it stays readable and deletable, the other strategy on the same bars and
/// the portfolio go on, and a silo restart on the same database activates it again, still Failed.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class StrategyFailureTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One-minute bars repeating (open, close) = (105, 105), (95, 100), (105, 105), (95, 100): sma-cross 1/3 buys each
    /// cycle at an open of 95 and sells at an open of 105, gaining about 10.5 % per cycle (all-in), so its equity
    /// passes 10¹⁸ after a few hundred cycles.
    /// </summary>
    private static List<Bar> Oscillating(InstrumentId instrument, int count)
    {
        decimal[] opens = [105m, 95m, 105m, 95m];
        decimal[] closes = [105m, 100m, 105m, 100m];
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            decimal open = opens[i % 4], close = closes[i % 4];
            return Bar.Create(instrument, Timeframe.OneMinute, start.AddMinutes(i), open, Math.Max(open, close), Math.Min(open, close), close, 100m);
        })];
    }

    [Fact]
    public async Task A_strategy_whose_equity_leaves_the_limits_fails_with_the_reason_and_nothing_else_is_harmed()
    {
        var instrument = InstrumentId.Parse("OVF");
        var bars = Oscillating(instrument, 6_000);
        var compounding = new StrategySettings("sma-cross:fast=1,slow=3", [instrument], Timeframe.OneMinute, 100_000m);
        var holding = new StrategySettings("buy-and-hold", [instrument], Timeframe.OneMinute, 100_000m);

        // The bar where the plain engine's equity first exceeds the limit, found independently of the grain.
        var engine = new StrategyEngine(StrategyId.Parse("ovf-a"), compounding, StrategyRegistry.Default);
        int failingBar = -1;
        for (int i = 0; i < bars.Count && failingBar < 0; i++)
        {
            try
            {
                engine.OnBar(bars[i]);
            }
            catch (StrategyLimitExceededException)
            {
                failingBar = i;
            }
        }

        Assert.InRange(failingBar, 100, bars.Count - 100);
        Assert.True(engine.Account.Equity > StrategyLimits.MaxEquity);

        string database = await postgres.CreateDatabaseAsync("strategy_failure");
        await using (var cluster = await TradingTestCluster.StartAsync(database))
        {
            var portfolio = cluster.Client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key);
            await portfolio.Ensure();
            var a = cluster.Client.GetGrain<IStrategyGrain>("ovf-a");
            var b = cluster.Client.GetGrain<IStrategyGrain>("ovf-b");
            await a.Create(compounding);
            await b.Create(holding);
            await a.Start();
            await b.Start();
            var publisher = cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
            foreach (var chunk in bars.Chunk(500))
            {
                await publisher.PublishBars([.. chunk]);
            }

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitForBars(bars.Count).WaitAsync(Wait));
            Assert.Contains("equity", failure.Message);
            Assert.Equal(bars.Count, await b.WaitForBars(bars.Count).WaitAsync(Wait));

            var failed = await a.GetSnapshot();
            Assert.Equal(StrategyStatus.Failed, failed.Status);
            Assert.Equal(failure.Message, failed.FailureReason);
            Assert.Equal(failingBar + 1, failed.BarsProcessed);
            Assert.Equal(engine.Account.Equity, failed.Equity);
            Assert.Equal(bars[failingBar].OpenTime, failed.LastBarTime);
            await Assert.ThrowsAsync<InvalidOperationException>(a.Start);

            // The portfolio goes on to the last bar, holding the failed strategy at its last equity.
            var marks = await portfolio.WaitForMarks(bars[^1].OpenTime).WaitAsync(Wait);
            Assert.Equal(bars[^1].OpenTime, marks.MarkedThroughUtc);
            Assert.Equal(failed.Equity + (await b.GetSnapshot()).Equity, marks.Equity);
        }

        // A restart on the same database activates the failed strategy again, still failed at the same bar, and it can be deleted.
        await using (var again = await TradingTestCluster.StartAsync(database))
        {
            var a = again.Client.GetGrain<IStrategyGrain>("ovf-a");
            var snapshot = await a.GetSnapshot();
            Assert.Equal((StrategyStatus.Failed, (long)failingBar + 1, engine.Account.Equity), (snapshot.Status, snapshot.BarsProcessed, snapshot.Equity));
            Assert.NotNull(snapshot.FailureReason);
            await a.Delete();
            Assert.Equal(StrategyStatus.None, (await a.GetSnapshot()).Status);
        }
    }

    [Theory]
    [InlineData("initialCapital", 1e28, 0, 0)]
    [InlineData("initialCapital", 0, 0, 0)]
    [InlineData("feePerUnit", 100_000, 1e27, 0)]
    [InlineData("feePerOrder", 100_000, 0, 1e27)]
    public void Inputs_beyond_the_documented_maxima_are_refused_with_the_field_named(string field, double capital, double feePerUnit, double feePerOrder)
    {
        var settings = new StrategySettings("buy-and-hold", [InstrumentId.Parse("X")], Timeframe.OneDay, (decimal)capital, FeePerUnit: (decimal)feePerUnit, FeePerOrder: (decimal)feePerOrder);
        var error = Assert.Single(StrategySettingsBinder.Validate(settings, StrategyRegistry.Default));
        Assert.StartsWith(field + ":", error);
        Assert.Empty(StrategySettingsBinder.Validate(settings with { InitialCapital = StrategyLimits.MaxInitialCapital, FeePerUnit = StrategyLimits.MaxFeePerUnit, FeePerOrder = StrategyLimits.MaxFeePerOrder }, StrategyRegistry.Default));
    }
}
