using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.Grains.Metrics;

/// <summary>
/// The account (or strategy) equity marked to market at a bar close. Checked by
/// <see cref="MetricsAccumulator.AddMark"/>: <c>Equity &gt; 0</c>, times strictly increasing within a bucket.
/// </summary>
/// <param name="Time">The bar-close instant; the UTC calendar day of this instant decides which daily return it contributes to.</param>
/// <param name="Equity">Cash plus open positions at <paramref name="Time"/>, in account currency; must be positive (returns and drawdown fractions divide by it).</param>
/// <param name="InMarket">Whether any position was open at this mark; exposure = fraction of marks with this flag set.</param>
/// <param name="BenchmarkEquity">
/// The benchmark's equity marked at the same bar close (a buy-and-hold account with the same starting capital and
/// rules, see <c>docs/metrics.md</c>, "Benchmark-relative metrics"), in account currency; positive when given. Null
/// when the scope has no benchmark; within one bucket either every mark carries it or none does.
/// </param>
[Immutable]
public readonly record struct EquityMark(DateTimeOffset Time, decimal Equity, bool InMarket, decimal? BenchmarkEquity = null);
