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
    public static IReadOnlyList<string> DemoStrategies => TradingRobotPlug.Grains.Strategies.DemoStrategies.Specs;

    /// <summary>The bundled S&amp;P 500 daily file next to the executable.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
}
