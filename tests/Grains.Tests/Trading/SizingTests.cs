using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class SizingTests
{
    private static SizingContext Context(decimal price, decimal cash, IFeeModel fee, ISlippageModel? slippage = null, decimal? equity = null, OrderSide side = OrderSide.Buy)
        => new(side, price, cash, equity ?? cash, fee, slippage ?? BpsSlippageModel.None);

    [Fact]
    public void All_in_at_1455_22_with_10_bps_fee()
    {
        // 68 × 1455.22 = 98,954.96, fee 98.95496 → 99,053.91496 ≤ 100,000.
        // 69 × 1455.22 = 100,410.18 > 100,000 before any fee.
        Assert.Equal(68m, new AllInSizing().Size(Context(1455.22m, 100_000m, new BpsFeeModel(10m))));
    }

    [Fact]
    public void All_in_leaves_room_for_the_fee()
    {
        // 69 × 1449 = 99,981 fits without a fee, but + 10 bps (99.981) = 100,080.981 > 100,000.
        // 68 × 1449 = 98,532 + 98.532 = 98,630.532 fits.
        Assert.Equal(69m, new AllInSizing().Size(Context(1449m, 100_000m, new FixedFeeModel(0m))));
        Assert.Equal(68m, new AllInSizing().Size(Context(1449m, 100_000m, new BpsFeeModel(10m))));
    }

    [Fact]
    public void All_in_leaves_room_for_slippage()
    {
        // Fill price 1449 × 1.0005 = 1449.7245; 69 × 1449.7245 = 100,030.9905 > 100,000; 68 × 1449.7245 = 98,581.266.
        Assert.Equal(68m, new AllInSizing().Size(Context(1449m, 100_000m, new FixedFeeModel(0m), new BpsSlippageModel(5m))));
    }

    [Fact]
    public void All_in_with_a_fixed_fee_is_exact_at_the_boundary()
    {
        // 10 × 100 + 1 = 1001 exactly equals the cash: affordable. With 1000.99 it is not: 9 × 100 + 1 = 901.
        Assert.Equal(10m, new AllInSizing().Size(Context(100m, 1001m, new FixedFeeModel(1m))));
        Assert.Equal(9m, new AllInSizing().Size(Context(100m, 1000.99m, new FixedFeeModel(1m))));
    }

    [Fact]
    public void All_in_with_a_fractional_lot()
    {
        // 100 ÷ 3 = 33.33…; 33.33 × 3 = 99.99 fits, 33.34 × 3 = 100.02 does not.
        Assert.Equal(33.33m, new AllInSizing(0.01m).Size(Context(3m, 100m, new FixedFeeModel(0m))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    [InlineData(99.99)]
    public void All_in_is_zero_when_one_unit_is_not_affordable(decimal cash)
        => Assert.Equal(0m, new AllInSizing().Size(Context(100m, cash, new FixedFeeModel(0m))));

    [Fact]
    public void Percent_of_equity_spends_its_share_capped_by_cash()
    {
        // 10 % of 50,000 = 5,000; ⌊5,000 ÷ 99⌋ = 50 (4,950).
        Assert.Equal(50m, new PercentOfEquitySizing(10m).Size(Context(99m, 50_000m, new FixedFeeModel(0m))));
        // 10 % of 100,000 = 10,000 but cash is 3,000: ⌊3,000 ÷ 99⌋ = 30 (2,970).
        Assert.Equal(30m, new PercentOfEquitySizing(10m).Size(Context(99m, 3_000m, new FixedFeeModel(0m), equity: 100_000m)));
        // 5,000 with a fixed fee of 100: 49 × 99 + 100 = 4,951 fits, 50 × 99 + 100 = 5,050 does not.
        Assert.Equal(49m, new PercentOfEquitySizing(10m).Size(Context(99m, 50_000m, new FixedFeeModel(100m))));
    }

    [Fact]
    public void Fixed_quantity_ignores_cash()
        => Assert.Equal(7m, new FixedQuantitySizing(7m).Size(Context(100m, 0m, new FixedFeeModel(0m))));

    [Fact]
    public void Sizing_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AllInSizing(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentOfEquitySizing(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentOfEquitySizing(100.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedQuantitySizing(0m));
        Assert.Throws<ArgumentException>(() => new AllInSizing().Size(Context(0m, 100m, new FixedFeeModel(0m))));
    }
}
