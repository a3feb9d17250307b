namespace TradingRobotPlug.Silo.Backtest;

/// <summary>What a backtest run replays and where it writes.</summary>
/// <param name="DataPath">The OHLCV CSV file.</param>
/// <param name="Symbol">Instrument symbol.</param>
/// <param name="Strategies">Strategy specs; strategy i gets the id <c>s{i+1:D3}</c>.</param>
/// <param name="Capital">Starting capital per strategy, account currency.</param>
/// <param name="FeeBps">Fee in basis points of notional.</param>
/// <param name="SlippageBps">Slippage in basis points against the trader.</param>
/// <param name="Indicators">Indicator list for indicators.csv, or null.</param>
/// <param name="OutputDirectory">Where the outputs are written.</param>
/// <param name="SkipBadRows">Skip and report bad CSV rows instead of failing.</param>
/// <param name="PostgresConnectionString">Durable grain state in this PostgreSQL database (<c>--postgres</c>); null keeps it in memory.</param>
/// <param name="Resume">Continue a run stopped part way from the state in <see cref="PostgresConnectionString"/> (<c>--resume</c>).</param>
/// <param name="PublishChunk">Bars per <c>PublishBars</c> call; positive.</param>
/// <param name="ThrottleMilliseconds">Pause after each published chunk, in milliseconds (≥ 0); for tests that stop a run part way.</param>
/// <param name="Timeframe">The bars' timeframe (<c>--timeframe</c>); null infers it from the file's timestamps (<see cref="TradingRobotPlug.Grains.MarketData.TimeframeInference"/>).</param>
/// <param name="Experiments">The <c>--experiment</c> values (<c>name=…;control=SPEC;treatment=SPEC</c>, see <see cref="ExperimentSpec"/>);
/// their arms run after <paramref name="Strategies"/> and experiments.json is written. Null or empty: none.</param>
/// <param name="Benchmark">The benchmark instrument's symbol (<c>--benchmark</c>); null = <see cref="Symbol"/>. Another
/// instrument needs <paramref name="BenchmarkDataPath"/>.</param>
/// <param name="BenchmarkDataPath">The benchmark instrument's OHLCV CSV file (<c>--benchmark-data</c>), required when
/// <paramref name="Benchmark"/> is another instrument than <paramref name="Symbol"/>: bars of the same timeframe as
/// <paramref name="DataPath"/>, whose last bar closes no earlier than the data's last bar. Null otherwise.</param>
public sealed record BacktestOptions(
    string DataPath,
    string Symbol,
    IReadOnlyList<string> Strategies,
    decimal Capital,
    decimal FeeBps,
    decimal SlippageBps,
    string? Indicators,
    string OutputDirectory,
    bool SkipBadRows,
    string? PostgresConnectionString = null,
    bool Resume = false,
    int PublishChunk = BacktestOptions.DefaultPublishChunk,
    int ThrottleMilliseconds = 0,
    TradingRobotPlug.GrainInterfaces.Market.Timeframe? Timeframe = null,
    IReadOnlyList<string>? Experiments = null,
    string? Benchmark = null,
    string? BenchmarkDataPath = null)
{
    /// <summary>Bars per <c>PublishBars</c> call by default.</summary>
    public const int DefaultPublishChunk = 512;

    /// <summary>The seven demo strategies run by default.</summary>
    public static IReadOnlyList<string> DemoStrategies => TradingRobotPlug.Grains.Strategies.DemoStrategies.Specs;

    /// <summary>The bundled S&amp;P 500 daily file next to the executable.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
}
