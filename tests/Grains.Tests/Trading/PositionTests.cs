using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class PositionTests
{
    private static Position NewPosition() => new(new PositionId(Strategy, Spx));

    [Fact]
    public void Open_add_partial_close_close_long()
    {
        var position = NewPosition();

        // Buy 10 @ 100, fee 1: basis 1000.
        Assert.Null(position.Apply(Fill(OrderSide.Buy, 10m, 100m, 1m, Day(1))));
        Assert.Equal(10m, position.Quantity);
        Assert.Equal(100m, position.AveragePrice);
        Assert.Equal(-1m, position.RealizedPnl);
        Assert.Equal(PositionSide.Long, position.Side);

        // Mark 104: unrealized 10 × 104 − 1000 = 40. Favourable excursion 4.
        position.Mark(104m, Day(2));
        Assert.Equal(40m, position.UnrealizedPnl);

        // Buy 10 @ 110, fee 1 (the fill price is seen first at average 100: favourable 10). Basis 2100, average 105.
        position.Apply(Fill(OrderSide.Buy, 10m, 110m, 1m, Day(3)));
        Assert.Equal(20m, position.Quantity);
        Assert.Equal(105m, position.AveragePrice);
        Assert.Equal(-2m, position.RealizedPnl);
        Assert.Equal(100m, position.UnrealizedPnl); // 20 × 110 − 2100

        // Bar high 112, low 98, close 108 at average 105: adverse 7, favourable 7.
        position.MarkBar(112m, 98m, 108m, Day(4));
        Assert.Equal(60m, position.UnrealizedPnl); // 20 × 108 − 2100
        var open = position.OpenTrade!;
        Assert.Null(open.ExitTime);
        Assert.Null(open.ExitPrice);
        Assert.Equal(58m, open.Pnl);                // 0 realized + 60 unrealized − 2 fees
        Assert.Equal(Day(4) - Day(1), open.HoldingTime);
        Assert.Equal(7m, open.Mae);
        Assert.Equal(10m, open.Mfe);

        // Sell 5 @ 120, fee 0.5: closes 5 of 20; basis share 2100 × 5 / 20 = 525; gross 600 − 525 = 75.
        Assert.Null(position.Apply(Fill(OrderSide.Sell, 5m, 120m, 0.5m, Day(5))));
        Assert.Equal(15m, position.Quantity);
        Assert.Equal(105m, position.AveragePrice);
        Assert.Equal(72.5m, position.RealizedPnl);  // −2 + 75 − 0.5
        Assert.Equal(225m, position.UnrealizedPnl); // 15 × 120 − 1575

        // Sell 15 @ 100, fee 1.5: gross 1500 − 1575 = −75.
        var trade = position.Apply(Fill(OrderSide.Sell, 15m, 100m, 1.5m, Day(6)))!;
        Assert.True(position.IsFlat);
        Assert.Null(position.Side);
        Assert.Equal(0m, position.UnrealizedPnl);
        Assert.Null(position.OpenTrade);
        Assert.Equal(-4m, position.RealizedPnl);    // 72.5 − 75 − 1.5
        Assert.Equal(4m, position.TotalFees);       // 1 + 1 + 0.5 + 1.5

        Assert.Equal(PositionSide.Long, trade.Side);
        Assert.Equal(Day(1), trade.EntryTime);
        Assert.Equal(Day(6), trade.ExitTime);
        Assert.Equal(105m, trade.EntryPrice);       // (1000 + 1100) / 20
        Assert.Equal(105m, trade.ExitPrice);        // (600 + 1500) / 20
        Assert.Equal(20m, trade.Quantity);
        Assert.Equal(4m, trade.Fees);
        Assert.Equal(-4m, trade.Pnl);               // 75 − 75 − 4
        Assert.Equal(-4.0 / 2100.0, trade.Return, 15);
        Assert.Equal(TimeSpan.FromDays(5), trade.HoldingTime);
        Assert.Equal(7m, trade.Mae);                // bar low 98 at average 105 (exit at 100 was only 5 below)
        Assert.Equal(15m, trade.Mfe);               // partial exit at 120 at average 105
        Assert.False(trade.IsOpen);
    }

    [Fact]
    public void Flip_from_long_to_short_splits_the_fee_and_opens_a_new_trade()
    {
        var position = NewPosition();
        position.Apply(Fill(OrderSide.Buy, 10m, 50m, 2m, Day(1)));

        // Sell 25 @ 60, fee 5: 10 close the long (fee 5 × 10/25 = 2), 15 open a short (fee 3).
        var closed = position.Apply(Fill(OrderSide.Sell, 25m, 60m, 5m, Day(2)))!;
        Assert.Equal(PositionSide.Long, closed.Side);
        Assert.Equal(10m, closed.Quantity);
        Assert.Equal(50m, closed.EntryPrice);
        Assert.Equal(60m, closed.ExitPrice);
        Assert.Equal(4m, closed.Fees);              // 2 entry + 2 exit share
        Assert.Equal(96m, closed.Pnl);              // 600 − 500 − 4
        Assert.Equal(0.192, closed.Return, 15);     // 96 / 500
        Assert.Equal(10m, closed.Mfe);              // exit fill at 60 vs average 50

        Assert.Equal(-15m, position.Quantity);
        Assert.Equal(PositionSide.Short, position.Side);
        Assert.Equal(60m, position.AveragePrice);
        Assert.Equal(93m, position.RealizedPnl);    // −2 + 100 − 2 − 3

        // Mark 55: short gains 15 × 5 = 75.
        position.Mark(55m, Day(3));
        Assert.Equal(75m, position.UnrealizedPnl);
        var open = position.OpenTrade!;
        Assert.Equal(PositionSide.Short, open.Side);
        Assert.Equal(Day(2), open.EntryTime);
        Assert.Equal(15m, open.Quantity);
        Assert.Equal(3m, open.Fees);
        Assert.Equal(72m, open.Pnl);                // 75 − 3
        Assert.Equal(5m, open.Mfe);
        Assert.Equal(0m, open.Mae);

        // Bar high 63: adverse 3 for the short.
        position.MarkBar(63m, 56m, 58m, Day(4));
        Assert.Equal(30m, position.UnrealizedPnl);  // 900 − 15 × 58

        // Buy 15 @ 58, fee 1: gross 900 − 870 = 30.
        var second = position.Apply(Fill(OrderSide.Buy, 15m, 58m, 1m, Day(5)))!;
        Assert.Equal(PositionSide.Short, second.Side);
        Assert.Equal(60m, second.EntryPrice);
        Assert.Equal(58m, second.ExitPrice);
        Assert.Equal(4m, second.Fees);              // 3 + 1
        Assert.Equal(26m, second.Pnl);              // 30 − 4
        Assert.Equal(26.0 / 900.0, second.Return, 15);
        Assert.Equal(3m, second.Mae);
        Assert.Equal(5m, second.Mfe);
        Assert.Equal(122m, position.RealizedPnl);   // 96 + 26
        Assert.Equal(8m, position.TotalFees);
    }

    [Fact]
    public void Short_position_pnl_is_exact()
    {
        var position = NewPosition();
        position.Apply(Fill(OrderSide.Sell, 3m, 33.33m, 0m, Day(1)));
        position.Apply(Fill(OrderSide.Sell, 4m, 33.34m, 0m, Day(2)));
        // Basis 99.99 + 133.36 = 233.35 for 7 units.
        position.Mark(30m, Day(3));
        Assert.Equal(23.35m, position.UnrealizedPnl); // 233.35 − 210
        // Buy back 2 of 7: basis share 233.35 × 2 / 7 (inexact), the final close takes the exact remainder.
        position.Apply(Fill(OrderSide.Buy, 2m, 31m, 0m, Day(4)));
        var trade = position.Apply(Fill(OrderSide.Buy, 5m, 32m, 0m, Day(5)))!;
        // Whole trade: sold for 233.35, bought back for 62 + 160 = 222 → 11.35, exactly.
        Assert.Equal(11.35m, trade.Pnl);
        Assert.Equal(11.35m, position.RealizedPnl);
        Assert.Equal(7m, trade.Quantity);
        Assert.Equal(222m / 7m, trade.ExitPrice);
    }

    [Fact]
    public void Duplicate_trade_id_is_rejected_and_changes_nothing()
    {
        var position = NewPosition();
        var fill = Fill(OrderSide.Buy, 10m, 100m, 1m, Day(1), tradeId: "dup-1");
        position.Apply(fill);
        Assert.True(position.HasApplied(TradeId.Parse("dup-1")));

        var again = fill with { Price = 90m };
        var ex = Assert.Throws<InvalidOperationException>(() => position.Apply(again));
        Assert.Contains("dup-1", ex.Message);
        Assert.Equal(10m, position.Quantity);
        Assert.Equal(100m, position.AveragePrice);
        Assert.Equal(-1m, position.RealizedPnl);
        Assert.Equal(100m, position.LastPrice);
    }

    [Fact]
    public void Fill_for_another_position_is_rejected()
    {
        var position = NewPosition();
        Assert.Throws<ArgumentException>(() => position.Apply(Fill(OrderSide.Buy, 1m, 100m, 0m, Day(1), Aapl)));
        Assert.True(position.IsFlat);
    }

    [Fact]
    public void Mark_bar_checks_its_prices()
    {
        var position = NewPosition();
        Assert.Throws<ArgumentOutOfRangeException>(() => position.MarkBar(10m, 11m, 10m, Day(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => position.MarkBar(10m, 9m, 12m, Day(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => position.Mark(0m, Day(1)));
    }

    [Fact]
    public void Snapshot_copies_the_state()
    {
        var position = NewPosition();
        position.Apply(Fill(OrderSide.Buy, 2m, 10m, 0.1m, Day(1)));
        position.Mark(11m, Day(2));
        var snapshot = position.ToSnapshot();
        Assert.Equal(PositionId.Parse("test-strategy:SPX"), snapshot.Id);
        Assert.Equal(2m, snapshot.Quantity);
        Assert.Equal(10m, snapshot.AveragePrice);
        Assert.Equal(2m, snapshot.UnrealizedPnl);
        Assert.Equal(-0.1m, snapshot.RealizedPnl);
        Assert.Equal(11m, snapshot.LastPrice);
        Assert.Equal(Day(2), snapshot.LastTime);
        Assert.Equal(1.9m, snapshot.OpenTrade!.Pnl);
    }
}
