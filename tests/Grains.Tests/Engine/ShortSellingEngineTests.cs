using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using StrategyRegistry = TradingRobotPlug.Grains.Strategies.StrategyRegistry;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Engine;

/// <summary>
/// Short selling in <see cref="StrategyEngine"/> on hand-made daily bars. The strategy is
/// <c>sma-cross:fast=1,slow=2,short=true</c>: from the second bar on, its target on bar t is Long when close(t) &gt;
/// close(t−1), Short when below, Flat when equal. Orders decided on bar t's close fill at bar t+1's open. Every expected
/// value is computed by hand in the comments from the bars, not from the engine.
/// </summary>
public sealed class ShortSellingEngineTests
{
    private const string Spec = "sma-cross:fast=1,slow=2,short=true";

    private static StrategyEngine Engine(decimal capital, decimal feeBps = 0m, decimal slippageBps = 0m, string spec = Spec)
        => new(Trading.Fixtures.Strategy, new StrategySettings(spec, ImmutableArray.Create(Spx), Timeframe.OneDay, capital, "all-in", feeBps, 0m, 0m, slippageBps), StrategyRegistry.Default);

    private static void Feed(StrategyEngine engine, params Bar[] bars)
    {
        foreach (var bar in bars)
        {
            engine.OnBar(bar);
        }
    }

    [Fact]
    public void Short_round_trip_with_fees_and_slippage()
    {
        // Capital 10,000, fee 10 bps of notional, slippage 20 bps against the trader.
        var engine = Engine(10_000m, feeBps: 10m, slippageBps: 20m);
        Feed(
            engine,
            DailyBar(0, 100m, 100m, 100m, 100m),  // warm-up: Flat
            DailyBar(1, 100m, 100m, 99m, 99m),    // 99 < 100: Short. Size at 99 × 0.998 = 98.802: q × 98.802 × 1.001 ≤ 10,000 → q = 101
            DailyBar(2, 98m, 99m, 96m, 97m));     // sell short 101 at 98 × 0.998 = 97.804; 97 < 99: still Short

        // Entry: proceeds 101 × 97.804 = 9,878.204, fee 9.878204. Cash 10,000 + 9,878.204 − 9.878204 = 19,868.325796.
        Assert.Equal(-101m, engine.Account.PositionQuantity(Spx));
        Assert.Equal(19_868.325796m, engine.Account.Cash);
        // Held: proceeds 9,878.204 + 100 % margin 9,878.204; free cash 19,868.325796 − 19,756.408 = 111.917796.
        Assert.Equal(19_756.408m, engine.Account.ShortReserve);
        Assert.Equal(111.917796m, engine.Account.AvailableCash);
        // Equity at the close: 19,868.325796 − 101 × 97 = 10,071.325796.
        Assert.Equal(10_071.325796m, engine.EquityCurve[^1].Equity);

        Feed(
            engine,
            DailyBar(3, 97m, 98m, 94m, 95m),      // 95 < 97: Short
            DailyBar(4, 95m, 96m, 94.5m, 95m),    // 95 = 95: Flat → buy to cover
            DailyBar(5, 93m, 94m, 92m, 93m));     // cover 101 at 93 × 1.002 = 93.186, fee 101 × 93.186 × 0.001 = 9.411786

        var trade = Assert.Single(engine.ClosedTrades);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(TradeExitReason.Signal, trade.ExitReason);
        Assert.Equal(Day(2), trade.EntryTime);
        Assert.Equal(97.804m, trade.EntryPrice);
        Assert.Equal(Day(5), trade.ExitTime);
        Assert.Equal(93.186m, trade.ExitPrice);
        Assert.Equal(101m, trade.Quantity);
        Assert.Equal(19.289990m, trade.Fees);                          // 9.878204 + 9.411786
        Assert.Equal(447.128010m, trade.Pnl);                           // (97.804 − 93.186) × 101 = 466.418, − 19.28999
        Assert.Equal((double)(447.12801m / 9_878.204m), trade.Return);  // P&L ÷ entry notional
        Assert.Equal(TimeSpan.FromDays(3), trade.HoldingTime);
        Assert.Equal(1.196m, trade.Mae);                                // day 2's high 99 − 97.804
        Assert.Equal(4.618m, trade.Mfe);                                // the cover at 93.186 (day 3's low 94 gives 3.804)
        // Flat: cash = capital + P&L; nothing held any more.
        Assert.Equal(10_447.12801m, engine.Account.Cash);
        Assert.Equal(0m, engine.Account.ShortReserve);
    }

    [Fact]
    public void Reversal_long_to_short_to_long_closes_first_and_sizes_the_new_leg_from_the_equity_after_the_close()
    {
        // Capital 1,000, no fee or slippage.
        var engine = Engine(1_000m);
        Feed(
            engine,
            DailyBar(0, 100m, 100m, 100m, 100m),  // warm-up
            DailyBar(1, 100m, 101m, 99m, 101m),   // 101 > 100: Long, sized at 101: ⌊1,000 ÷ 101⌋ = 9
            DailyBar(2, 100m, 106m, 99m, 105m),   // buy 9 at 100 (cash 100); long MAE 100 − 99 = 1, MFE 106 − 100 = 6
            DailyBar(3, 104m, 104m, 101m, 102m),  // 102 < 105: Short → reverse at the next open
            DailyBar(4, 101m, 103m, 100m, 101.5m), // sell 9 at 101 (long P&L 9, cash 1,009), then sell short ⌊1,009 ÷ 102⌋ = 9 at 101
            DailyBar(5, 100m, 101m, 97m, 99m),    // short MAE 103 − 101 = 2 (day 4), MFE 101 − 97 = 4
            DailyBar(6, 98m, 100m, 96m, 100m),    // MFE 101 − 96 = 5; 100 > 99: Long → reverse
            DailyBar(7, 99m, 100m, 98m, 99m));    // cover 9 at 99 (short P&L 18, cash 1,027), buy ⌊1,027 ÷ 100⌋ = 10 at 99

        Assert.Equal(2, engine.ClosedTrades.Count);
        var longTrade = engine.ClosedTrades[0];
        Assert.Equal(
            (PositionSide.Long, Day(2), 100m, (DateTimeOffset?)Day(4), (decimal?)101m, 9m, 9m, 0m),
            (longTrade.Side, longTrade.EntryTime, longTrade.EntryPrice, longTrade.ExitTime, longTrade.ExitPrice, longTrade.Quantity, longTrade.Pnl, longTrade.Fees));
        Assert.Equal(0.01, longTrade.Return);                  // 9 ÷ 900
        Assert.Equal((1m, 6m), (longTrade.Mae, longTrade.Mfe));
        Assert.Equal(TimeSpan.FromDays(2), longTrade.HoldingTime);

        var shortTrade = engine.ClosedTrades[1];
        Assert.Equal(
            (PositionSide.Short, Day(4), 101m, (DateTimeOffset?)Day(7), (decimal?)99m, 9m, 18m, 0m),
            (shortTrade.Side, shortTrade.EntryTime, shortTrade.EntryPrice, shortTrade.ExitTime, shortTrade.ExitPrice, shortTrade.Quantity, shortTrade.Pnl, shortTrade.Fees));
        Assert.Equal((double)(18m / 909m), shortTrade.Return);  // (101 − 99) × 9 ÷ (101 × 9)
        Assert.Equal((2m, 5m), (shortTrade.Mae, shortTrade.Mfe));
        Assert.Equal(TimeSpan.FromDays(3), shortTrade.HoldingTime);

        // The new long: 10 at 99 from day 7's open; cash 1,027 − 990 = 37; equity at day 7's close 37 + 10 × 99 = 1,027.
        var open = engine.OpenTrade!;
        Assert.Equal((PositionSide.Long, Day(7), 99m, 10m), (open.Side, open.EntryTime, open.EntryPrice, open.Quantity));
        Assert.Equal(37m, engine.Account.Cash);
        Assert.Equal(1_027m, engine.EquityCurve[^1].Equity);
        Assert.Equal(1_000m + 9m + 18m, engine.Account.Equity);
        // Day 7's close (99 < 100) asks for a short again: the pending order closes the long first.
        Assert.Equal((OrderSide.Sell, 10m), (engine.PendingOrder!.Side, engine.PendingOrder.Quantity));
        Assert.Empty(engine.Rejected);
    }

    [Fact]
    public void Short_is_liquidated_at_the_liquidation_price_when_the_bar_high_reaches_it()
    {
        var engine = Engine(1_000m);
        Feed(
            engine,
            DailyBar(0, 100m, 100m, 100m, 100m),
            DailyBar(1, 100m, 100m, 99m, 99m),    // Short: ⌊1,000 ÷ 99⌋ = 10
            DailyBar(2, 100m, 160m, 97m, 98m));   // short 10 at 100 (cash 2,000); the high 160 reaches L = 2,000 ÷ (1.3 × 10)

        // L: equity E(p) = 2,000 − 10p equals 30 % of the short's value 10p at p = 2,000 ÷ 13 ≈ 153.85.
        decimal liquidation = 2_000m / (1.3m * 10m);
        var trade = Assert.Single(engine.ClosedTrades);
        Assert.Equal(TradeExitReason.Liquidation, trade.ExitReason);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal((Day(2), 100m, (DateTimeOffset?)Day(2), (decimal?)liquidation, 10m), (trade.EntryTime, trade.EntryPrice, trade.ExitTime, trade.ExitPrice, trade.Quantity));
        Assert.Equal(1_000m - (10m * liquidation), trade.Pnl);         // (100 − L) × 10 ≈ −538.46
        Assert.Equal(liquidation - 100m, trade.Mae);                   // bought back at L: the rest of the bar is not the trade's
        Assert.Equal(0m, trade.Mfe);
        // Equity after: 2,000 − 10 L = 30 % of 10 L ≈ 461.54, still positive; flat at the close.
        decimal left = 2_000m - (10m * liquidation);
        Assert.Equal(left, engine.Account.Cash);
        Assert.Equal(left, engine.EquityCurve[^1].Equity);
        Assert.Equal(0m, engine.Account.PositionQuantity(Spx));
        // Day 2's close (98 < 99) is still Short: a new short sized from what is left, ⌊461.54 ÷ 98⌋ = 4.
        Assert.Equal((OrderSide.Sell, 4m), (engine.PendingOrder!.Side, engine.PendingOrder.Quantity));
    }

    [Fact]
    public void Short_is_liquidated_at_the_open_when_the_bar_gaps_beyond_the_liquidation_price()
    {
        var engine = Engine(1_000m);
        Feed(
            engine,
            DailyBar(0, 100m, 100m, 100m, 100m),
            DailyBar(1, 100m, 100m, 99m, 99m),    // Short 10
            DailyBar(2, 100m, 101m, 97m, 98m),    // short 10 at 100; MAE 1, MFE 3; still Short
            DailyBar(3, 155m, 156m, 150m, 150m)); // opens above L ≈ 153.85: bought back at the open 155

        var trade = Assert.Single(engine.ClosedTrades);
        Assert.Equal((TradeExitReason.Liquidation, (decimal?)155m, -550m), (trade.ExitReason, trade.ExitPrice, trade.Pnl)); // (100 − 155) × 10
        Assert.Equal((55m, 3m), (trade.Mae, trade.Mfe));
        Assert.Equal(450m, engine.Account.Equity);                      // 2,000 − 1,550
        // 150 > 98: Long from flat, ⌊450 ÷ 150⌋ = 3.
        Assert.Equal((OrderSide.Buy, 3m), (engine.PendingOrder!.Side, engine.PendingOrder.Quantity));
    }

    [Fact]
    public void A_gap_that_leaves_no_equity_fails_the_engine_with_a_reason()
    {
        var engine = Engine(1_000m);
        Feed(engine, DailyBar(0, 100m, 100m, 100m, 100m), DailyBar(1, 100m, 100m, 99m, 99m), DailyBar(2, 100m, 101m, 97m, 98m));

        // Buying 10 back at 300 costs 3,000 of the 2,000 cash: equity −1,000.
        var error = Assert.Throws<StrategyLimitExceededException>(() => engine.OnBar(DailyBar(3, 300m, 300m, 290m, 295m)));
        Assert.Contains("bankrupt", error.Message);
    }

    [Fact]
    public void Regression_short_true_opens_shorts_where_the_fast_ema_falls_below_the_slow_one()
    {
        // 40 bars rising by 1 then 40 falling by 1: EMA(3) crosses below EMA(6) on the way down.
        var bars = new List<Bar>();
        for (int i = 0; i < 80; i++)
        {
            decimal close = i < 40 ? 100m + i : 139m - (i - 40);
            bars.Add(DailyBar(i, close, close + 1m, close - 1m, close));
        }

        var longOnly = Engine(10_000m, spec: "ema-cross:fast=3,slow=6,short=false");
        var withShorts = Engine(10_000m, spec: "ema-cross:fast=3,slow=6,short=true");
        Feed(longOnly, [.. bars]);
        Feed(withShorts, [.. bars]);

        Assert.All(longOnly.ClosedTrades, t => Assert.Equal(PositionSide.Long, t.Side));
        Assert.Null(longOnly.OpenTrade);
        // With shorts the long is reversed into a short that is still open at the end and has gained from the fall.
        var open = withShorts.OpenTrade!;
        Assert.Equal(PositionSide.Short, open.Side);
        Assert.True(open.Pnl > 0);
        Assert.Equal(longOnly.ClosedTrades[0], withShorts.ClosedTrades[0]);
        Assert.True(withShorts.Account.Equity > longOnly.Account.Equity);
    }
}
