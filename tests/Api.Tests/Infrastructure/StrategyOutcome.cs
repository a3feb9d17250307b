using System.Globalization;
using Orleans;
using TradingRobotPlug.GrainInterfaces.Grains;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// What a strategy made of the bars it processed, without its id and instrument, so that two strategies of the same
/// spec on two instruments carrying the same bars compare equal: bars processed, cash, equity, trade count, Sharpe
/// ratio, maximum drawdown, and every closed and open trade (side, times, prices, quantity, P&amp;L, fees, exit reason).
/// </summary>
public sealed record StrategyOutcome(long BarsProcessed, decimal Cash, decimal Equity, int Trades, double? Sharpe, double? MaxDrawdown, string TradeList)
{
    /// <summary>Reads the outcome of strategy <paramref name="id"/> from its grain.</summary>
    public static async Task<StrategyOutcome> ReadAsync(IClusterClient client, string id)
    {
        var grain = client.GetGrain<IStrategyGrain>(id);
        var snapshot = await grain.GetSnapshot();
        var trades = await grain.GetTrades();
        var list = string.Join(Environment.NewLine, trades.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{t.Side} {t.EntryTime:O} {t.EntryPrice} {t.ExitTime:O} {t.ExitPrice} {t.Quantity} {t.Pnl} {t.Fees} {t.ExitReason}")));
        return new StrategyOutcome(snapshot.BarsProcessed, snapshot.Cash, snapshot.Equity, snapshot.Trades, snapshot.Metrics?.Sharpe, snapshot.Metrics?.MaxDrawdown, list);
    }
}
