namespace TradingRobotPlug.Silo.Backtest;

/// <summary>What a backtest run replays and where it writes.</summary>
public sealed record BacktestOptions(
    string DataPath,
    string Symbol,
    IReadOnlyList<string> Strategies,
    decimal Capital,
    decimal FeeBps,
    decimal SlippageBps,
    string? Indicators,
    string OutputDirectory,
    bool SkipBadRows)
{
    /// <summary>The seven demo strategies run by default.</summary>
    public static IReadOnlyList<string> DemoStrategies { get; } =
    [
        "sma-cross:fast=50,slow=200",
        "ema-cross:fast=12,slow=26",
        "rsi-reversion:period=14,lower=30,upper=70",
        "macd-cross:fast=12,slow=26,signal=9",
        "bollinger-reversion:period=20,k=2",
        "donchian-breakout:entry=20,exit=10",
        "buy-and-hold",
    ];

    /// <summary>The bundled S&amp;P 500 daily file next to the executable.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
}
