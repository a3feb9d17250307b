using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class PaperAccountTests
{
    [Fact]
    public void Buys_and_sells_move_cash_and_equity()
    {
        var account = new PaperAccount(Strategy, 10_000m);
        Assert.Equal(10_000m, account.Equity);

        account.Apply(Fill(OrderSide.Buy, 10m, 100m, 1m, Day(1)));
        Assert.Equal(8_999m, account.Cash);         // 10,000 − 1,000 − 1
        Assert.Equal(1_000m, account.MarketValue);  // marked at the fill price
        Assert.Equal(9_999m, account.Equity);

        account.Mark(Spx, 110m, Day(2));
        Assert.Equal(10_099m, account.Equity);      // 8,999 + 1,100

        account.Apply(Fill(OrderSide.Sell, 4m, 120m, 1m, Day(3)));
        Assert.Equal(9_478m, account.Cash);         // 8,999 + 480 − 1
        Assert.Equal(720m, account.MarketValue);    // 6 × 120
        Assert.Equal(10_198m, account.Equity);
        Assert.Equal(78m, account.RealizedPnl);     // −1 + (480 − 400) − 1
        Assert.Equal(2m, account.TotalFees);
        var position = account.GetPosition(Spx)!;
        Assert.Equal(6m, position.Quantity);
        Assert.Equal(120m, position.UnrealizedPnl); // 720 − 600
        Assert.Equal(account.InitialCash + account.RealizedPnl + position.UnrealizedPnl, account.Equity);
    }

    [Fact]
    public void Short_sale_credits_cash_and_counts_negative_market_value()
    {
        var account = new PaperAccount(Strategy, 1_000m);
        account.Apply(Fill(OrderSide.Sell, 5m, 100m, 0m, Day(1)));
        Assert.Equal(1_500m, account.Cash);
        Assert.Equal(-500m, account.MarketValue);
        Assert.Equal(1_000m, account.Equity);
        account.Mark(Spx, 90m, Day(2));
        Assert.Equal(1_050m, account.Equity);
        Assert.Equal(-5m, account.PositionQuantity(Spx));
    }

    [Fact]
    public void Equity_identity_holds_over_several_instruments()
    {
        var account = new PaperAccount(Strategy, 50_000m);
        account.Apply(Fill(OrderSide.Buy, 100m, 150.25m, 1.5m, Day(1), Aapl));
        account.Apply(Fill(OrderSide.Buy, 3m, 4_500.5m, 2m, Day(1)));
        account.MarkBar(DailyBar(1, 4_510m, 4_600m, 4_400m, 4_555.75m));
        account.Mark(Aapl, 149.8m, Day(2));
        account.Apply(Fill(OrderSide.Sell, 40m, 151m, 1m, Day(3), Aapl));

        // Cash: 50,000 − 15,025 − 1.5 − 13,501.5 − 2 + 6,040 − 1 = 27,509.
        Assert.Equal(27_509m, account.Cash);
        // Market value: 60 × 151 + 3 × 4,555.75 = 9,060 + 13,667.25 = 22,727.25.
        Assert.Equal(22_727.25m, account.MarketValue);
        Assert.Equal(50_236.25m, account.Equity); // 27,509 + 22,727.25
        decimal unrealized = account.GetPositions().Sum(p => p.UnrealizedPnl);
        Assert.Equal(account.InitialCash + account.RealizedPnl + unrealized, account.Equity);
        Assert.Equal(2, account.Instruments.Count);
    }

    [Fact]
    public void Duplicate_or_foreign_fills_change_nothing()
    {
        var account = new PaperAccount(Strategy, 1_000m);
        var fill = Fill(OrderSide.Buy, 1m, 100m, 0m, Day(1), tradeId: "t-1");
        account.Apply(fill);
        Assert.Throws<InvalidOperationException>(() => account.Apply(fill));
        Assert.Equal(900m, account.Cash);
        Assert.True(account.HasApplied(Spx, TradeId.Parse("t-1")));

        var foreign = fill with { Strategy = StrategyId.Parse("other"), TradeId = TradeId.Parse("t-2") };
        Assert.Throws<ArgumentException>(() => account.Apply(foreign));
        Assert.Equal(900m, account.Cash);
    }

    [Fact]
    public void Fill_context_reports_cash_and_position()
    {
        var account = new PaperAccount(Strategy, 1_000m);
        account.Apply(Fill(OrderSide.Buy, 2m, 100m, 0m, Day(1)));
        Assert.Equal(new FillContext(800m, 2m), account.FillContextFor(Spx));
        Assert.Equal(new FillContext(800m, 0m), account.FillContextFor(Aapl));
    }
}
