using System.Text.Json;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class SerializationTests
{
    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;

    [Fact]
    public void Order_round_trips_with_ids_and_enums_as_strings()
    {
        var order = Order.Limit(OrderId.Parse("o-1"), Strategy, Spx, OrderSide.Buy, 10m, 95.5m, Day(1));
        string json = JsonSerializer.Serialize(order);
        Assert.Contains("\"Id\":\"o-1\"", json);
        Assert.Contains("\"Strategy\":\"test-strategy\"", json);
        Assert.Contains("\"Instrument\":\"SPX\"", json);
        Assert.Contains("\"Side\":\"Buy\"", json);
        Assert.Contains("\"Type\":\"Limit\"", json);
        Assert.DoesNotContain("Position", json);
        Assert.Equal(order, JsonSerializer.Deserialize<Order>(json));
    }

    [Fact]
    public void Events_and_records_round_trip()
    {
        var order = Order.Market(OrderId.Parse("o-2"), Strategy, Spx, OrderSide.Sell, 3m, Day(1));
        var fill = OrderFilled.Create(order.Id, TradeId.ForFill(order.Id, 1), Strategy, Spx, OrderSide.Sell, Day(1), 99.9m, 3m, 0.3m, 0.3m);
        var rejected = OrderRejected.Create(order, Day(1), "zero quantity");
        var trade = new TradeRecord(Strategy, Spx, PositionSide.Short, Day(1), 100m, Day(3), 90m, 3m, 29.4m, 0.098, 0.6m, TimeSpan.FromDays(2), 1.5m, 11m);
        var open = trade with { ExitTime = null, ExitPrice = null };
        var tick = Tick.Create(Spx, Day(1), 100.25m, 5m, 100.2m, 100.3m);
        var bar = DailyBar(1, 100m, 101m, 99m, 100.5m);
        var snapshot = new PositionSnapshot(new PositionId(Strategy, Spx), -3m, 100m, -0.3m, 30m, 0.3m, 90m, Day(2), open);

        Assert.Equal(fill, RoundTrip(fill));
        Assert.Equal(rejected, RoundTrip(rejected));
        Assert.Equal(trade, RoundTrip(trade));
        Assert.Equal(open, RoundTrip(open));
        Assert.Equal(tick, RoundTrip(tick));
        Assert.Equal(bar, RoundTrip(bar));
        Assert.Equal(snapshot, RoundTrip(snapshot));
        Assert.DoesNotContain("CloseTime", JsonSerializer.Serialize(bar));
        Assert.Contains("\"Side\":\"Short\"", JsonSerializer.Serialize(trade));
    }
}
