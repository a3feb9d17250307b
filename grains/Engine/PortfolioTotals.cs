using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// Running sums over every live strategy (not deleted), each at its latest <see cref="StrategyUpdated"/>: O(1) per
/// update (the sums move by the strategy's change). Money in account currency. Unlike the portfolio marks
/// (<see cref="PortfolioEquityFolder"/>), totals include strategies created after the portfolio started and are not
/// held back by a watermark.
/// </summary>
public sealed class PortfolioTotals
{
    private readonly Dictionary<StrategyId, (decimal Capital, decimal Cash, decimal Equity, long Trades, DateTimeOffset? LastExit)> _strategies = [];

    /// <summary>Live strategies seen.</summary>
    public int Strategies => _strategies.Count;

    /// <summary>Σ starting capital.</summary>
    public decimal InitialCapital { get; private set; }

    /// <summary>Σ cash.</summary>
    public decimal Cash { get; private set; }

    /// <summary>Σ equity (cash + marked positions).</summary>
    public decimal Equity { get; private set; }

    /// <summary><see cref="Equity"/> − <see cref="InitialCapital"/>.</summary>
    public decimal NetPnl => Equity - InitialCapital;

    /// <summary>Σ closed round trips (a trade not after the strategy's last counted exit is a repeat and is not counted).</summary>
    public long Trades { get; private set; }

    /// <summary>Takes a strategy's latest figures; a deleted strategy (<see cref="StrategyStatus.None"/>) drops out.</summary>
    public void Apply(StrategyUpdated update)
    {
        ArgumentNullException.ThrowIfNull(update);
        _strategies.TryGetValue(update.Id, out var old);
        if (update.Status == StrategyStatus.None)
        {
            if (_strategies.Remove(update.Id))
            {
                InitialCapital -= old.Capital;
                Cash -= old.Cash;
                Equity -= old.Equity;
                Trades -= old.Trades;
            }

            return;
        }

        long trades = old.Trades;
        var lastExit = old.LastExit;
        foreach (var trade in update.NewTrades)
        {
            if (trade.ExitTime is { } exit && (lastExit is null || exit > lastExit))
            {
                trades++;
                lastExit = exit;
            }
        }

        InitialCapital += update.InitialCapital - old.Capital;
        Cash += update.Cash - old.Cash;
        Equity += update.Equity - old.Equity;
        Trades += trades - old.Trades;
        _strategies[update.Id] = (update.InitialCapital, update.Cash, update.Equity, trades, lastExit);
    }
}
