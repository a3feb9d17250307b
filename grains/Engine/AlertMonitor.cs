using System.Globalization;
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

    /// <summary>
    /// The thresholds in force. Changing a threshold re-arms its alert (a changed threshold is a new line to cross; while
    /// an alert was off its value was not watched, so it may have gone back to the safe side unseen): if the value is
    /// already beyond the new threshold, the next mark raises it once. Setting an unchanged threshold changes nothing.
    /// </summary>
    public AlertThresholds Thresholds
    {
        get => _thresholds;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.MaxDrawdown != _thresholds.MaxDrawdown)
            {
                _drawdownRaised = false;
            }

            if (value.DailyLoss != _thresholds.DailyLoss)
            {
                _dailyLossRaised = false;
            }

            if (value.MinWinRate != _thresholds.MinWinRate || value.MinTrades != _thresholds.MinTrades)
            {
                _winRateRaised = false;
            }

            _thresholds = value;
        }
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

        // Messages are built only when an alert is raised (not on every mark), in the invariant culture.
        if (_thresholds.MaxDrawdown is { } maxDd)
        {
            double drawdown = _peak > 0 ? (double)((_peak - equity) / _peak) : 0d;
            if (Crossed(ref _drawdownRaised, drawdown >= maxDd))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.MaxDrawdown, maxDd, drawdown, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Drawdown {drawdown:P2} reached the threshold {maxDd:P2}.")));
            }
        }

        if (_thresholds.DailyLoss is { } maxLoss)
        {
            decimal loss = _dayOpenEquity - equity;
            if (Crossed(ref _dailyLossRaised, loss >= maxLoss))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.DailyLoss, (double)maxLoss, (double)loss, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Loss of {loss:0.##} on {day:yyyy-MM-dd} reached the threshold {maxLoss:0.##}.")));
            }
        }

        if (_thresholds.MinWinRate is { } minWinRate && _trades >= _thresholds.MinTrades)
        {
            double winRate = (double)_wins / _trades;
            if (Crossed(ref _winRateRaised, winRate < minWinRate))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.WinRateBelow, minWinRate, winRate, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Win rate {winRate:P1} after {_trades} trades is below the threshold {minWinRate:P1}.")));
            }
        }
    }

    /// <summary>True when the value has just crossed to the unsafe side (raise once); re-arms when it is back on the safe side.</summary>
    private static bool Crossed(ref bool raised, bool beyond)
    {
        if (!beyond)
        {
            raised = false;
            return false;
        }

        if (raised)
        {
            return false;
        }

        raised = true;
        return true;
    }
}
