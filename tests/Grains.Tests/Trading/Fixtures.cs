using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Tests.Trading;

/// <summary>Shared ids and builders; every value is written out by hand.</summary>
internal static class Fixtures
{
    public static readonly StrategyId Strategy = StrategyId.Parse("test-strategy");
    public static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    public static readonly InstrumentId Aapl = InstrumentId.Parse("AAPL");
    public static readonly DateTimeOffset Day0 = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(int n) => Day0.AddDays(n);

    public static Bar DailyBar(int day, decimal open, decimal high, decimal low, decimal close, InstrumentId? instrument = null)
        => Bar.Create(instrument ?? Spx, Timeframe.OneDay, Day(day), open, high, low, close, 1000m);

    private static int _sequence;

    public static OrderFilled Fill(OrderSide side, decimal quantity, decimal price, decimal fee, DateTimeOffset time, InstrumentId? instrument = null, string? tradeId = null)
    {
        var orderId = OrderId.Create(Strategy, Interlocked.Increment(ref _sequence));
        return OrderFilled.Create(
            orderId,
            tradeId is null ? TradeId.ForFill(orderId, 1) : TradeId.Parse(tradeId),
            Strategy,
            instrument ?? Spx,
            side,
            time,
            price,
            quantity,
            fee,
            0m);
    }
}
