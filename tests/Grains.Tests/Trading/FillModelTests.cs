using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class FillModelTests
{
    private static readonly FillContext Rich = new(1_000_000m, 0m);

    // Placed at the close of day 0, i.e. at the open time of day 1.
    private static Order MarketOrder(OrderSide side, decimal quantity, int seq = 1)
        => Order.Market(OrderId.Create(Strategy, seq), Strategy, Spx, side, quantity, Day(1));

    private static Order LimitOrder(OrderSide side, decimal quantity, decimal limit)
        => Order.Limit(OrderId.Create(Strategy, 2), Strategy, Spx, side, quantity, limit, Day(1));

    private static Order StopOrder(OrderSide side, decimal quantity, decimal stop)
        => Order.Stop(OrderId.Create(Strategy, 3), Strategy, Spx, side, quantity, stop, Day(1));

    private static NextBarOpenFillModel Model(decimal slippageBps = 10m, decimal fixedFee = 1m, FillModelOptions? options = null)
        => new(new FixedFeeModel(fixedFee), new BpsSlippageModel(slippageBps), options);

    [Fact]
    public void Market_buy_fills_at_next_bar_open_plus_slippage()
    {
        var decision = Model().Evaluate(MarketOrder(OrderSide.Buy, 10m), DailyBar(1, 100m, 110m, 90m, 105m), Rich);

        Assert.Equal(FillDecisionKind.Filled, decision.Kind);
        var fill = decision.Fill!;
        Assert.Equal(100.1m, fill.Price);           // 100 × 1.001
        Assert.Equal(10m, fill.Quantity);
        Assert.Equal(1m, fill.Fee);
        Assert.Equal(1.0m, fill.Slippage);          // 0.1 × 10
        Assert.Equal(Day(1), fill.Time);
        Assert.Equal("test-strategy-o1-f1", fill.TradeId.Value);
        Assert.Equal(OrderSide.Buy, fill.Side);
        Assert.Null(decision.Rejection);
    }

    [Fact]
    public void Market_sell_fills_at_next_bar_open_minus_slippage()
    {
        var decision = Model().Evaluate(MarketOrder(OrderSide.Sell, 10m), DailyBar(1, 100m, 110m, 90m, 105m), new FillContext(0m, 10m));
        Assert.Equal(99.9m, decision.Fill!.Price);  // 100 × 0.999
    }

    [Fact]
    public void No_look_ahead_the_signal_bar_never_fills_its_own_order()
    {
        // Day 0's bar opened before the order was placed at day 0's close (= day 1 00:00).
        var signalBar = DailyBar(0, 100m, 110m, 80m, 105m);
        Assert.Equal(FillDecisionKind.Resting, Model().Evaluate(MarketOrder(OrderSide.Buy, 10m), signalBar, Rich).Kind);
        var limit = Model().Evaluate(LimitOrder(OrderSide.Buy, 10m, 90m), signalBar, Rich);
        Assert.Equal(FillDecisionKind.Resting, limit.Kind);
        Assert.Contains("no look-ahead", limit.Reason);
        Assert.Null(limit.Fill);
    }

    [Fact]
    public void An_order_placed_at_the_signal_bar_close_time_is_eligible_on_the_next_bar()
    {
        var signalBar = DailyBar(0, 100m, 110m, 80m, 105m);
        var order = Order.Market(OrderId.Create(Strategy, 1), Strategy, Spx, OrderSide.Buy, 1m, signalBar.CloseTime);
        Assert.Equal(Day(1), signalBar.CloseTime);
        Assert.Equal(FillDecisionKind.Filled, Model().Evaluate(order, DailyBar(1, 100m, 101m, 99m, 100m), Rich).Kind);
    }

    [Theory]
    [InlineData(100, 101, 94, 95)]   // trades through 95: fills at the limit
    [InlineData(100, 101, 95, 95)]   // low touches the limit exactly: fills
    [InlineData(93, 94, 90, 93)]     // gaps below the limit: fills at the better open
    public void Limit_buy_fills_at_min_of_open_and_limit_without_slippage(decimal open, decimal high, decimal low, decimal expected)
    {
        var decision = Model().Evaluate(LimitOrder(OrderSide.Buy, 10m, 95m), DailyBar(1, open, high, low, low), Rich);
        Assert.Equal(expected, decision.Fill!.Price);
        Assert.Equal(0m, decision.Fill.Slippage);
    }

    [Fact]
    public void Limit_buy_rests_when_low_stays_above_the_limit()
    {
        var decision = Model().Evaluate(LimitOrder(OrderSide.Buy, 10m, 95m), DailyBar(1, 100m, 101m, 96m, 97m), Rich);
        Assert.Equal(FillDecisionKind.Resting, decision.Kind);
        Assert.Contains("not reached", decision.Reason);
    }

    [Theory]
    [InlineData(100, 106, 99, 105)]  // trades through 105: fills at the limit
    [InlineData(107, 108, 106, 107)] // gaps above: fills at the better open
    public void Limit_sell_fills_at_max_of_open_and_limit(decimal open, decimal high, decimal low, decimal expected)
    {
        var decision = Model().Evaluate(LimitOrder(OrderSide.Sell, 10m, 105m), DailyBar(1, open, high, low, low), new FillContext(0m, 10m));
        Assert.Equal(expected, decision.Fill!.Price);
    }

    [Fact]
    public void Limit_sell_rests_when_high_stays_below_the_limit()
        => Assert.Equal(FillDecisionKind.Resting, Model().Evaluate(LimitOrder(OrderSide.Sell, 10m, 105m), DailyBar(1, 100m, 104m, 99m, 100m), new FillContext(0m, 10m)).Kind);

    [Theory]
    [InlineData(100, 106, 99, 105.105)]  // triggers at 105: 105 × 1.001
    [InlineData(107, 108, 106, 107.107)] // gaps above the stop: the worse open 107 × 1.001
    public void Stop_buy_fills_at_max_of_open_and_stop_plus_slippage(decimal open, decimal high, decimal low, decimal expected)
    {
        var decision = Model().Evaluate(StopOrder(OrderSide.Buy, 10m, 105m), DailyBar(1, open, high, low, low), Rich);
        Assert.Equal(expected, decision.Fill!.Price);
    }

    [Theory]
    [InlineData(100, 101, 94, 94.905)] // triggers at 95: 95 × 0.999
    [InlineData(93, 94, 92, 92.907)]   // gaps below the stop: 93 × 0.999
    public void Stop_sell_fills_at_min_of_open_and_stop_minus_slippage(decimal open, decimal high, decimal low, decimal expected)
    {
        var decision = Model().Evaluate(StopOrder(OrderSide.Sell, 10m, 95m), DailyBar(1, open, high, low, low), new FillContext(0m, 10m));
        Assert.Equal(expected, decision.Fill!.Price);
    }

    [Fact]
    public void Stop_rests_until_triggered()
    {
        Assert.Equal(FillDecisionKind.Resting, Model().Evaluate(StopOrder(OrderSide.Buy, 10m, 105m), DailyBar(1, 100m, 104.99m, 99m, 100m), Rich).Kind);
        Assert.Equal(FillDecisionKind.Resting, Model().Evaluate(StopOrder(OrderSide.Sell, 10m, 95m), DailyBar(1, 100m, 101m, 95.01m, 100m), new FillContext(0m, 10m)).Kind);
    }

    [Fact]
    public void Zero_quantity_is_rejected_with_a_reason()
    {
        var decision = Model().Evaluate(MarketOrder(OrderSide.Buy, 0m), DailyBar(1, 100m, 101m, 99m, 100m), Rich);
        Assert.Equal(FillDecisionKind.Rejected, decision.Kind);
        Assert.Contains("zero quantity", decision.Rejection!.Reason);
        Assert.Equal(Day(1), decision.Rejection.Time);
        Assert.Equal(OrderId.Create(Strategy, 1), decision.Rejection.Order.Id);
    }

    [Fact]
    public void Unaffordable_buy_is_reduced_to_the_cash_by_default()
    {
        // No slippage, fee 1: 20 × 100 + 1 = 2001 > 1000; 9 × 100 + 1 = 901 fits, 10 × 100 + 1 = 1001 does not.
        var decision = Model(0m, 1m).Evaluate(MarketOrder(OrderSide.Buy, 20m), DailyBar(1, 100m, 101m, 99m, 100m), new FillContext(1000m, 0m));
        Assert.Equal(9m, decision.Fill!.Quantity);
        Assert.Contains("reduced from 20 to 9", decision.Reason);
    }

    [Fact]
    public void Unaffordable_buy_is_rejected_when_reduction_is_off_or_nothing_is_affordable()
    {
        var strict = Model(0m, 1m, new FillModelOptions { ReduceBuysToAvailableCash = false });
        var decision = strict.Evaluate(MarketOrder(OrderSide.Buy, 20m), DailyBar(1, 100m, 101m, 99m, 100m), new FillContext(1000m, 0m));
        Assert.Equal(FillDecisionKind.Rejected, decision.Kind);
        Assert.Contains("insufficient cash", decision.Reason);
        Assert.Contains("2001", decision.Reason);

        decision = Model(0m, 1m).Evaluate(MarketOrder(OrderSide.Buy, 1m), DailyBar(1, 100m, 101m, 99m, 100m), new FillContext(100.5m, 0m));
        Assert.Equal(FillDecisionKind.Rejected, decision.Kind);
        Assert.Contains("insufficient cash", decision.Reason);
    }

    [Fact]
    public void Selling_more_than_held_is_rejected_unless_short_selling_is_allowed()
    {
        var bar = DailyBar(1, 100m, 101m, 99m, 100m);
        var decision = Model().Evaluate(MarketOrder(OrderSide.Sell, 10m), bar, new FillContext(0m, 5m));
        Assert.Equal(FillDecisionKind.Rejected, decision.Kind);
        Assert.Contains("short selling is disabled", decision.Reason);

        Assert.Equal(FillDecisionKind.Filled, Model().Evaluate(MarketOrder(OrderSide.Sell, 5m), bar, new FillContext(0m, 5m)).Kind);
        var shorting = Model(options: new FillModelOptions { AllowShortSelling = true });
        Assert.Equal(FillDecisionKind.Filled, shorting.Evaluate(MarketOrder(OrderSide.Sell, 10m), bar, new FillContext(0m, 5m)).Kind);
    }

    [Fact]
    public void Bar_of_another_instrument_is_an_argument_error()
        => Assert.Throws<ArgumentException>(() => Model().Evaluate(MarketOrder(OrderSide.Buy, 1m), DailyBar(1, 100m, 101m, 99m, 100m, Aapl), Rich));

    [Fact]
    public void Order_create_checks_prices_against_type()
    {
        var id = OrderId.Create(Strategy, 9);
        Assert.Equal("limitPrice", Assert.Throws<ArgumentException>(() => Order.Create(id, Strategy, Spx, OrderSide.Buy, OrderType.Limit, 1m, null, null, Day(0))).ParamName);
        Assert.Equal("stopPrice", Assert.Throws<ArgumentException>(() => Order.Create(id, Strategy, Spx, OrderSide.Buy, OrderType.Stop, 1m, null, 0m, Day(0))).ParamName);
        Assert.Equal("limitPrice", Assert.Throws<ArgumentException>(() => Order.Create(id, Strategy, Spx, OrderSide.Buy, OrderType.Market, 1m, 5m, null, Day(0))).ParamName);
        Assert.Equal("quantity", Assert.Throws<ArgumentException>(() => Order.Market(id, Strategy, Spx, OrderSide.Buy, -1m, Day(0))).ParamName);
    }

    [Fact]
    public void All_in_sized_on_the_signal_close_survives_a_gap_up_at_the_next_open()
    {
        // Signal bar closes at 100; all-in with cash 10,000, fee 10 bps: 99 × 100 + 9.9 = 9,909.9 fits, 100 × 100 + 10 does not → 99.
        var fee = new BpsFeeModel(10m);
        decimal quantity = new AllInSizing().Size(new SizingContext(OrderSide.Buy, 100m, 10_000m, 10_000m, fee, BpsSlippageModel.None));
        Assert.Equal(99m, quantity);

        // Next bar opens at 102: 99 × 102 = 10,098 > cash. Largest: 97 × 102 = 9,894 + 9.894 = 9,903.894 fits; 98 × 102 = 9,996 + 9.996 = 10,005.996 does not.
        var order = Order.Market(OrderId.Create(Strategy, 1), Strategy, Spx, OrderSide.Buy, quantity, Day(1));
        var decision = new NextBarOpenFillModel(fee, BpsSlippageModel.None).Evaluate(order, DailyBar(1, 102m, 103m, 101m, 102m), new FillContext(10_000m, 0m));
        Assert.Equal(97m, decision.Fill!.Quantity);
        Assert.Equal(9.894m, decision.Fill.Fee);
    }
}
