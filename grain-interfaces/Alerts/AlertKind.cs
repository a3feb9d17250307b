namespace TradingRobotPlug.GrainInterfaces.Alerts;

/// <summary>What an alert watches.</summary>
public enum AlertKind
{
    /// <summary>The all-time drawdown from peak equity, as a positive fraction, reached <see cref="AlertThresholds.MaxDrawdown"/>.</summary>
    MaxDrawdown,

    /// <summary>The loss of the current UTC day (start-of-day equity minus equity, account currency) reached <see cref="AlertThresholds.DailyLoss"/>.</summary>
    DailyLoss,

    /// <summary>The win rate fell below <see cref="AlertThresholds.MinWinRate"/> after at least <see cref="AlertThresholds.MinTrades"/> closed trades.</summary>
    WinRateBelow,
}
