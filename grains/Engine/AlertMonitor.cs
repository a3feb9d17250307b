using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>
/// Watches one strategy's equity marks and closed trades against its <see cref="AlertThresholds"/>, O(1) per mark.
/// An alert fires when its value reaches the unsafe side and then stays quiet until it is re-armed, with hysteresis so
/// that a value oscillating around a threshold raises it once, not at every crossing:
/// <list type="bullet">
/// <item><b>Max drawdown</b> (threshold T): raised when the drawdown reaches T; re-armed only when the drawdown has
/// recovered to at most T × <see cref="DrawdownRearmFraction"/> (half of it: a 10 % alert re-arms at 5 %).</item>
/// <item><b>Daily loss</b>: raised at most once per trading day (the UTC date of the mark, i.e. the bar's trading date
/// for daily bars); re-armed at the next day's first mark.</item>
/// <item><b>Win rate</b> (threshold W, after MinTrades trades): raised when the win rate falls below W; re-armed only
/// when it is back at or above W + <see cref="WinRateRearmMargin"/> (5 percentage points).</item>
/// </list>
/// A changed threshold re-arms its alert (see <see cref="Thresholds"/>).
/// </summary>
public sealed class AlertMonitor(StrategyId strategy, decimal initialCapital)
{
    /// <summary>A raised drawdown alert re-arms once the drawdown is at most this fraction of its threshold.</summary>
    public const double DrawdownRearmFraction = 0.5;

    /// <summary>A raised win-rate alert re-arms once the win rate is at least its threshold plus this margin (a fraction).</summary>
    public const double WinRateRearmMargin = 0.05;

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
            _dailyLossRaised = false; // once per trading day: re-armed only here
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
            if (Crossed(ref _drawdownRaised, drawdown >= maxDd, drawdown <= maxDd * DrawdownRearmFraction))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.MaxDrawdown, maxDd, drawdown, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Drawdown {drawdown:P2} reached the threshold {maxDd:P2}.")));
            }
        }

        if (_thresholds.DailyLoss is { } maxLoss)
        {
            decimal loss = _dayOpenEquity - equity;
            if (Crossed(ref _dailyLossRaised, loss >= maxLoss, rearm: false))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.DailyLoss, (double)maxLoss, (double)loss, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Loss of {loss:0.##} on {day:yyyy-MM-dd} reached the threshold {maxLoss:0.##}.")));
            }
        }

        if (_thresholds.MinWinRate is { } minWinRate && _trades >= _thresholds.MinTrades)
        {
            double winRate = (double)_wins / _trades;
            if (Crossed(ref _winRateRaised, winRate < minWinRate, winRate >= minWinRate + WinRateRearmMargin))
            {
                raised.Add(new AlertRaised(strategy, AlertKind.WinRateBelow, minWinRate, winRate, timeUtc,
                    string.Create(CultureInfo.InvariantCulture, $"Win rate {winRate:P1} after {_trades} trades is below the threshold {minWinRate:P1}.")));
            }
        }
    }

    /// <summary>
    /// True when the value is on the unsafe side (<paramref name="beyond"/>) and the alert is armed (raise once, then
    /// disarm); a disarmed alert re-arms when <paramref name="rearm"/> holds (a stricter condition than "not beyond").
    /// </summary>
    private static bool Crossed(ref bool raised, bool beyond, bool rearm)
    {
        if (raised)
        {
            if (rearm)
            {
                raised = false;
            }

            return false;
        }

        if (beyond)
        {
            raised = true;
            return true;
        }

        return false;
    }
}
