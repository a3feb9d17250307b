using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

/// <summary>The short-sale cash and margin model: reserve, free cash, liquidation price and the fill model's margin checks.</summary>
public sealed class ShortMarginTests
{
    // Fixed fee 1 per fill, no slippage; orders fill at the open 100 of day 1.
    private static readonly NextBarOpenFillModel Model = new(new FixedFeeModel(1m), BpsSlippageModel.None, new FillModelOptions { AllowShortSelling = true });

    private static FillDecision Evaluate(OrderSide side, decimal quantity, FillContext context)
        => Model.Evaluate(Order.Market(OrderId.Create(Strategy, 1), Strategy, Spx, side, quantity, Day(1)), DailyBar(1, 100m, 110m, 90m, 105m), context);

    [Fact]
    public void Short_sale_holds_its_proceeds_and_an_equal_margin()
    {
        var account = new PaperAccount(Strategy, 1_000m);
        account.Apply(Fill(OrderSide.Sell, 8m, 100m, 2m, Day(1)));

        // Cash 1,000 + 800 − 2 = 1,798; held 2 × 800 = 1,600; free 198; equity 1,798 − 800 = 998 at the fill price.
        Assert.Equal(1_798m, account.Cash);
        Assert.Equal(1_600m, account.ShortReserve);
        Assert.Equal(198m, account.AvailableCash);
        Assert.Equal(998m, account.Equity);
        Assert.Equal(new FillContext(1_798m, -8m, 1_600m), account.FillContextFor(Spx));
        Assert.Equal(new FillContext(198m, 0m), account.FillContextFor(Aapl));
        // L = 1,798 ÷ (1.3 × 8) = 172.884615…: there equity 1,798 − 8 L = 30 % of 8 L.
        Assert.Equal(1_798m / 10.4m, account.LiquidationPrice(Spx));
        Assert.Null(account.LiquidationPrice(Aapl));

        // Covering half releases half: basis 400 left, reserve 800; cash 1,798 − 4 × 90 − 1 = 1,437.
        account.Apply(Fill(OrderSide.Buy, 4m, 90m, 1m, Day(2)));
        Assert.Equal((1_437m, 800m, 637m), (account.Cash, account.ShortReserve, account.AvailableCash));
        account.Apply(Fill(OrderSide.Buy, 4m, 90m, 1m, Day(3)));
        Assert.Equal((1_076m, 0m, 1_076m), (account.Cash, account.ShortReserve, account.AvailableCash));
        Assert.Equal(1_000m + ((100m - 90m) * 8m) - 4m, account.Equity); // P&L (entry − exit) × quantity − fees
    }

    [Fact]
    public void Short_sale_is_reduced_to_the_margin_free_cash_covers_or_rejected()
    {
        // 10 short at 100 needs 1,000 + fee 1 = 1,001; free cash 1,000 covers 9 (900 + 1).
        var reduced = Evaluate(OrderSide.Sell, 10m, new FillContext(1_000m, 0m));
        Assert.Equal(FillDecisionKind.Filled, reduced.Kind);
        Assert.Equal(9m, reduced.Fill!.Quantity);
        Assert.Contains("quantity reduced from 10 to 9", reduced.Reason);

        // Cash that is held against the short already is not free: 2,050 − 2,000 = 50 covers no unit.
        var rejected = Evaluate(OrderSide.Sell, 10m, new FillContext(2_050m, -10m, 2_000m));
        Assert.Equal(FillDecisionKind.Rejected, rejected.Kind);
        Assert.Contains("insufficient margin", rejected.Reason);
    }

    [Fact]
    public void A_cover_always_fills_in_full_and_a_flip_pays_only_for_the_new_units()
    {
        // Covering 10 at 100 costs 1,001, more than the cash 500: a cover is never reduced.
        var cover = Evaluate(OrderSide.Buy, 10m, new FillContext(500m, -10m, 2_000m));
        Assert.Equal((FillDecisionKind.Filled, 10m), (cover.Kind, cover.Fill!.Quantity));

        // Buy 15 while 5 short, cash 1,200: after the cover (500) 700 is left, so 6 new units (600 + fee 1 ≤ 700): 11 in all.
        var flip = Evaluate(OrderSide.Buy, 15m, new FillContext(1_200m, -5m, 1_000m));
        Assert.Equal(11m, flip.Fill!.Quantity);

        // Sell 15 while 5 long with free cash 0: the long's proceeds 500 carry 4 short units (400 + fee 1 ≤ 500): 9 in all.
        var sellFlip = Evaluate(OrderSide.Sell, 15m, new FillContext(0m, 5m));
        Assert.Equal(9m, sellFlip.Fill!.Quantity);

        // A plain sell of a long is never checked.
        Assert.Equal(5m, Evaluate(OrderSide.Sell, 5m, new FillContext(0m, 5m)).Fill!.Quantity);
    }

    [Fact]
    public void Liquidation_price_is_where_equity_is_thirty_percent_of_the_short()
    {
        decimal price = ShortMargin.LiquidationPrice(2_600m, 10m); // 2,600 ÷ 13 = 200
        Assert.Equal(200m, price);
        Assert.Equal(0.30m * 10m * price, 2_600m - (10m * price));
        Assert.Equal(3_000m, ShortMargin.Reserve(1_500m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortMargin.LiquidationPrice(1m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortMargin.Reserve(-1m));
    }
}
