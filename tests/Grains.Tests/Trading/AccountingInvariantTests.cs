using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Trading;
using static TradingRobotPlug.Grains.Tests.Trading.Fixtures;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class AccountingInvariantTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_fill_sequences_keep_cash_positions_and_trades_consistent(int seed)
    {
        var random = new Random(seed);
        var account = new PaperAccount(Strategy, 100_000m);
        var closedPnl = 0m;
        var time = Day(0);

        for (int i = 0; i < 400; i++)
        {
            time = time.AddHours(1);
            decimal price = 50m + (random.Next(0, 10_000) / 100m);          // 50.00 … 149.99
            if (random.Next(3) == 0)
            {
                account.Mark(Spx, price, time);
            }
            else
            {
                var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                decimal quantity = random.Next(1, 40);
                decimal fee = random.Next(0, 300) / 100m;
                if (account.Apply(Fill(side, quantity, price, fee, time)) is { } trade)
                {
                    closedPnl += trade.Pnl;
                    Assert.False(trade.IsOpen);
                    Assert.True(trade.Mae >= 0 && trade.Mfe >= 0);
                    Assert.Equal((double)(trade.Pnl / (trade.EntryPrice * trade.Quantity)), trade.Return, 10);
                }
            }

            var position = account.GetPosition(Spx);
            decimal unrealized = position?.UnrealizedPnl ?? 0m;
            // Running identity; partial closes divide the cost basis, so allow for the last digit of a 28-digit decimal.
            Assert.True(Math.Abs(account.InitialCash + account.RealizedPnl + unrealized - account.Equity) < 1e-20m);
        }

        // Close out: flat, the identity is exact and the realized P&L is exactly the sum of the round trips.
        decimal held = account.PositionQuantity(Spx);
        if (held != 0)
        {
            var last = account.Apply(Fill(held > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(held), 100m, 1m, time.AddHours(1)))!;
            closedPnl += last.Pnl;
        }

        Assert.Equal(0m, account.MarketValue);
        Assert.Equal(closedPnl, account.RealizedPnl);
        Assert.Equal(account.InitialCash + closedPnl, account.Cash);
        Assert.Equal(account.Cash, account.Equity);
    }
}
