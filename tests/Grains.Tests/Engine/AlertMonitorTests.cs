using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;

namespace TradingRobotPlug.Grains.Tests.Engine;

public sealed class AlertMonitorTests
{
    private static readonly StrategyId Id = StrategyId.Parse("alerts");
    private static readonly DateTimeOffset Day1 = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int day, int hour) => Day1.AddDays(day - 1).AddHours(hour);

    private static TradeRecord Trade(decimal pnl) => new(
        Id, InstrumentId.Parse("SPX"), PositionSide.Long, Day1, 100m, Day1, 100m + pnl, 1m, pnl, (double)pnl / 100, 0m, TimeSpan.Zero, 0m, 0m);

    private static List<AlertRaised> Feed(AlertMonitor monitor, params (DateTimeOffset Time, decimal Equity)[] marks)
    {
        var raised = new List<AlertRaised>();
        foreach (var (time, equity) in marks)
        {
            monitor.OnMark(time, equity, raised);
        }

        return raised;
    }

    [Fact]
    public void Drawdown_raises_once_and_re_arms_only_after_recovering_to_half_the_threshold()
    {
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MaxDrawdown: 0.10) };
        var raised = Feed(
            monitor,
            (At(1, 21), 100_000m),
            (At(2, 21), 105_000m),  // peak 105,000
            (At(3, 21), 94_500m),   // 10,500 / 105,000 = 10 %: raised (at the threshold counts)
            (At(4, 21), 90_000m),   // 14.3 %: still beyond, no second alert
            (At(5, 21), 95_000m),   // 9.5 %: back under 10 % but not under 5 %: not re-armed
            (At(6, 21), 94_000m),   // 10.5 %: no alert (this was the flapping)
            (At(7, 21), 100_000m),  // 5,000 / 105,000 = 4.76 % <= 5 %: re-armed
            (At(8, 21), 94_000m),   // 11,000 / 105,000 = 10.5 %: second alert
            (At(9, 21), 110_000m),  // new peak: drawdown 0, re-armed
            (At(10, 21), 99_000m)); // 11,000 / 110,000 = 10 %: third alert

        Assert.Equal([At(3, 21), At(8, 21), At(10, 21)], raised.Select(a => a.Time));
        Assert.All(raised, a => Assert.Equal((AlertKind.MaxDrawdown, 0.10, Id), (a.Kind, a.Threshold, a.Strategy)));
        Assert.Equal([0.1, (double)(11_000m / 105_000m), 0.1], raised.Select(a => a.Value));
    }

    [Fact]
    public void A_drawdown_oscillating_around_its_threshold_raises_one_alert_not_one_per_crossing()
    {
        // Issue 10, defect 6: 31 crossings of a 10 % threshold (9.9 % <-> 10.1 %) used to raise 31 alerts.
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MaxDrawdown: 0.10) };
        var marks = Enumerable.Range(0, 62).Select(i => (At(1 + i, 21), i % 2 == 0 ? 89_900m : 90_100m)).ToArray();
        var alert = Assert.Single(Feed(monitor, marks));
        Assert.Equal(At(1, 21), alert.Time);
    }

    [Fact]
    public void Drawdown_is_measured_from_the_starting_capital_before_any_new_peak()
    {
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MaxDrawdown: 0.05) };
        var raised = Feed(monitor, (At(1, 21), 96_000m), (At(2, 21), 95_000m));
        var alert = Assert.Single(raised);
        Assert.Equal(At(2, 21), alert.Time);
        Assert.Equal(0.05, alert.Value);
    }

    [Fact]
    public void Daily_loss_raises_at_most_once_per_trading_day_and_re_arms_the_next_day()
    {
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(DailyLoss: 1_000m) };
        var raised = Feed(
            monitor,
            (At(1, 10), 100_000m), // day 1 opens at the capital, 100,000
            (At(1, 11), 99_000m),  // loss 1,000: raised
            (At(1, 12), 98_500m),  // loss 1,500: no second alert
            (At(1, 13), 99_500m),  // loss 500
            (At(1, 14), 98_900m),  // loss 1,100: beyond again, but once per day
            (At(2, 10), 98_000m),  // day 2 opens at 98,900 (day 1's last mark): loss 900
            (At(2, 11), 97_900m),  // loss 1,000: raised
            (At(3, 10), 96_800m)); // day 3 opens at 97,900: loss 1,100, raised again although day 2 never recovered

        Assert.Equal([At(1, 11), At(2, 11), At(3, 10)], raised.Select(a => a.Time));
        Assert.Equal([1_000.0, 1_000.0, 1_100.0], raised.Select(a => a.Value));
        Assert.All(raised, a => Assert.Equal((AlertKind.DailyLoss, 1_000.0), (a.Kind, a.Threshold)));
    }

    [Fact]
    public void Win_rate_is_checked_only_after_the_minimum_trades_and_re_arms_five_points_above_its_threshold()
    {
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MinWinRate: 0.5, MinTrades: 4) };
        var raised = new List<AlertRaised>();
        int day = 0;
        void Close(params decimal[] pnls)
        {
            foreach (var pnl in pnls)
            {
                monitor.OnTradeClosed(Trade(pnl));
            }

            monitor.OnMark(At(++day, 21), 100_000m, raised);
        }

        Close(10m);        // day 1: 1/1
        Close(-5m, -5m);   // day 2: 1/3 = 33 % but only 3 trades: not checked
        Assert.Empty(raised);
        Close(0m);         // day 3: 1/4 = 25 % (a breakeven is not a win): raised
        Close();           // day 4: still 25 %: no second alert
        Close(10m);        // day 5: 2/5 = 40 %
        Close(10m);        // day 6: 3/6 = 50 %: not below, but under 55 %: not re-armed
        Close(-1m);        // day 7: 3/7 = 42.9 %: no alert
        Close(10m, 10m);   // day 8: 5/9 = 55.6 % >= 55 %: re-armed
        Close(-1m);        // day 9: 5/10 = 50 %
        Close(-1m);        // day 10: 5/11 = 45.5 %: second alert

        Assert.Equal([At(3, 21), At(10, 21)], raised.Select(a => a.Time));
        Assert.Equal([0.25, 5.0 / 11.0], raised.Select(a => a.Value));
        Assert.All(raised, a => Assert.Equal((AlertKind.WinRateBelow, 0.5), (a.Kind, a.Threshold)));
    }

    [Fact]
    public void No_thresholds_no_alerts()
    {
        var monitor = new AlertMonitor(Id, 100_000m);
        monitor.OnTradeClosed(Trade(-10m));
        Assert.Empty(Feed(monitor, (At(1, 21), 50_000m), (At(2, 21), 10_000m)));
    }

    [Fact]
    public void A_changed_threshold_re_arms_its_alert_and_an_unchanged_one_does_not()
    {
        var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MaxDrawdown: 0.10) };
        Assert.Single(Feed(monitor, (At(1, 21), 85_000m)));

        // Same thresholds again: the drawdown is still beyond, nothing new.
        monitor.Thresholds = new AlertThresholds(MaxDrawdown: 0.10);
        Assert.Empty(Feed(monitor, (At(2, 21), 86_000m)));

        // Turned off, the equity recovers unwatched, then turned on again: the next crossing raises.
        monitor.Thresholds = AlertThresholds.None;
        Assert.Empty(Feed(monitor, (At(3, 21), 100_000m)));
        monitor.Thresholds = new AlertThresholds(MaxDrawdown: 0.10);
        Assert.Single(Feed(monitor, (At(4, 21), 89_000m)));

        // A stricter threshold while beyond it is a new line crossed: raised at the next mark.
        monitor.Thresholds = new AlertThresholds(MaxDrawdown: 0.05);
        var alert = Assert.Single(Feed(monitor, (At(5, 21), 89_000m)));
        Assert.Equal(0.05, alert.Threshold);
    }

    [Fact]
    public void Messages_do_not_depend_on_the_current_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma (built by hand: the tests run in globalization-invariant mode).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var monitor = new AlertMonitor(Id, 100_000m) { Thresholds = new AlertThresholds(MaxDrawdown: 0.10, DailyLoss: 1_000.5m) };
            var raised = Feed(monitor, (At(1, 21), 88_000m));
            Assert.Equal(2, raised.Count);
            Assert.Contains("12.00", raised[0].Message, StringComparison.Ordinal);
            Assert.Contains("12000", raised[1].Message, StringComparison.Ordinal);
            Assert.Contains("1000.5", raised[1].Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
