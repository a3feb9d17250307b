using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class FeeAndSlippageTests
{
    [Fact]
    public void Bps_fee_is_notional_times_bps_over_ten_thousand()
    {
        // 68 × 1455.22 = 98,954.96; 10 bps = 0.001 → 98.95496
        Assert.Equal(98.95496m, new BpsFeeModel(10m).Fee(1455.22m, 68m));
        Assert.Equal(0m, new BpsFeeModel(10m).Fee(1455.22m, 0m));
        Assert.Equal(0m, new BpsFeeModel(0m).Fee(100m, 5m));
    }

    [Fact]
    public void Per_unit_fee_is_quantity_times_rate()
    {
        // 200 units × 0.005 = 1.000
        Assert.Equal(1.000m, new PerUnitFeeModel(0.005m).Fee(37.5m, 200m));
    }

    [Fact]
    public void Fixed_fee_is_per_fill_and_zero_for_nothing()
    {
        var model = new FixedFeeModel(4.95m);
        Assert.Equal(4.95m, model.Fee(100m, 1m));
        Assert.Equal(4.95m, model.Fee(100m, 10_000m));
        Assert.Equal(0m, model.Fee(100m, 0m));
    }

    [Fact]
    public void Fee_models_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpsFeeModel(-1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpsFeeModel(10_000m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerUnitFeeModel(-0.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedFeeModel(-1m));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BpsFeeModel(1m).Fee(0m, 1m));
        Assert.Equal("price", ex.ParamName);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BpsFeeModel(1m).Fee(1m, -1m));
        Assert.Equal("quantity", ex.ParamName);
    }

    [Fact]
    public void Bps_slippage_works_against_the_trader()
    {
        var model = new BpsSlippageModel(5m);
        // 1449 × 1.0005 = 1449.7245 ; 1449 × 0.9995 = 1448.2755
        Assert.Equal(1449.7245m, model.FillPrice(OrderSide.Buy, 1449m));
        Assert.Equal(1448.2755m, model.FillPrice(OrderSide.Sell, 1449m));
        Assert.Equal(1449m, BpsSlippageModel.None.FillPrice(OrderSide.Buy, 1449m));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.FillPrice(OrderSide.Buy, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpsSlippageModel(-0.5m));
    }
}
