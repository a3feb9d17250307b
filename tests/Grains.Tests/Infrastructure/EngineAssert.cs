using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Infrastructure;

/// <summary>Compares a strategy grain's snapshot with a plain <see cref="StrategyEngine"/> run over exactly the bars it should have traded.</summary>
public static class EngineAssert
{
    /// <summary>Bars processed, cash, equity, closed trades, last bar time and all-time metrics equal the engine's after <paramref name="bars"/>.</summary>
    public static void SameAsEngine(StrategySnapshot snapshot, StrategySettings settings, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new StrategyEngine(snapshot.Id, settings, StrategyRegistry.Default);
        foreach (var bar in bars)
        {
            engine.OnBar(bar);
        }

        Assert.Equal((engine.BarsProcessed, engine.Account.Cash, engine.Account.Equity, engine.ClosedTrades.Count, engine.LastBarTime),
            (snapshot.BarsProcessed, snapshot.Cash, snapshot.Equity, snapshot.Trades, snapshot.LastBarTime));
        Assert.Equal(engine.Metrics.AllTime?.ToSnapshot(), snapshot.Metrics);
    }
}
