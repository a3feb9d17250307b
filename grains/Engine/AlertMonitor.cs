using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// Watches one strategy's equity marks and closed trades against its <see cref="AlertThresholds"/>, O(1) per mark.
/// Each alert is raised once per crossing: it fires when the value crosses to the unsafe side and re-arms only when the
/// value is back on the safe side (the daily-loss alert also re-arms at the start of each UTC day).
/// </summary>
public sealed class AlertMonitor(StrategyId strategy, decimal initialCapital)
{
    private AlertThresholds _thresholds = AlertThresholds.None;
    private decimal _peak = initialCapital;
    private decimal _lastEquity = initialCapital;
    private DateOnly? _day;
    private decimal _dayOpenEquity = initialCapital;
    private long _trades;
    private long _wins;
    private bool _drawdownRaised;
    private bool _dailyLossRaised;
    private bool _winRateRaised;

    /// <summary>The thresholds in force.</summary>
    public AlertThresholds Thresholds
    {
        get => _thresholds;
        set => _thresholds = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Counts a closed round trip (a win when its P&amp;L is positive).</summary>
    public void OnTradeClosed(TradeRecord trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        _trades++;
        if (trade.Pnl > 0)
        {
            _wins++;
        }
    }

    /// <summary>Evaluates the thresholds at an equity mark (a bar's close) and adds any alert raised to <paramref name="raised"/>.</summary>
    /// <param name="timeUtc">Mark time (UTC).</param>
    /// <param name="equity">Equity at the mark, account currency.</param>
    /// <param name="raised">Receives the alerts raised at this mark.</param>
    public void OnMark(DateTimeOffset timeUtc, decimal equity, List<AlertRaised> raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        var day = DateOnly.FromDateTime(timeUtc.UtcDateTime);
        if (_day != day)
        {
            _day = day;
            _dayOpenEquity = _lastEquity;
            _dailyLossRaised = false;
        }

        _lastEquity = equity;
        if (equity > _peak)
        {
            _peak = equity;
        }

        if (_thresholds.MaxDrawdown is { } maxDd)
        {
            double drawdown = _peak > 0 ? (double)((_peak - equity) / _peak) : 0d;
            Check(ref _drawdownRaised, drawdown >= maxDd, AlertKind.MaxDrawdown, maxDd, drawdown, timeUtc,
                $"Drawdown {drawdown:P2} reached the threshold {maxDd:P2}.", raised);
        }

        if (_thresholds.DailyLoss is { } maxLoss)
        {
            decimal loss = _dayOpenEquity - equity;
            Check(ref _dailyLossRaised, loss >= maxLoss, AlertKind.DailyLoss, (double)maxLoss, (double)loss, timeUtc,
                $"Loss of {loss:0.##} on {day:yyyy-MM-dd} reached the threshold {maxLoss:0.##}.", raised);
        }

        if (_thresholds.MinWinRate is { } minWinRate && _trades >= _thresholds.MinTrades)
        {
            double winRate = (double)_wins / _trades;
            Check(ref _winRateRaised, winRate < minWinRate, AlertKind.WinRateBelow, minWinRate, winRate, timeUtc,
                $"Win rate {winRate:P1} after {_trades} trades is below the threshold {minWinRate:P1}.", raised);
        }
    }

    private void Check(ref bool armedOff, bool crossed, AlertKind kind, double threshold, double value, DateTimeOffset time, string message, List<AlertRaised> raised)
    {
        if (crossed && !armedOff)
        {
            armedOff = true;
            raised.Add(new AlertRaised(strategy, kind, threshold, value, time, message));
        }
        else if (!crossed)
        {
            armedOff = false;
        }
    }
}
