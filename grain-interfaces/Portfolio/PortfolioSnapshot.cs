using TradingRobotPlug.GrainInterfaces.Metrics;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Portfolio;

/// <summary>Totals over every strategy the portfolio has seen (money in account currency).</summary>
/// <param name="Strategies">Strategies folded in.</param>
/// <param name="InitialCapital">Sum of the strategies' starting capital.</param>
/// <param name="Cash">Sum of cash.</param>
/// <param name="Equity">Sum of equity (each strategy at its latest mark).</param>
/// <param name="NetPnl">Equity minus initial capital.</param>
/// <param name="Trades">Closed round trips over all strategies.</param>
/// <param name="MarkedThroughUtc">Portfolio equity marks are final up to this time: every running strategy has reported it.</param>
/// <param name="Metrics">
/// All-time metrics of the portfolio's marks and trades, time-weighted: computed on the index equity (the opening
/// capital grown by the portfolio's unit value), so strategies joining (deposits) or deleted (withdrawals) are not
/// returns; its equity figures equal money equity until the first such flow. Null before the first mark.
/// </param>
/// <param name="MarkedEquity">Money equity of the last mark (Σ members' equity at <paramref name="MarkedThroughUtc"/>); null before the first mark.</param>
[GenerateSerializer, Immutable, Alias("trp.PortfolioSnapshot")]
public sealed record PortfolioSnapshot(
    [property: Id(0)] int Strategies,
    [property: Id(1)] decimal InitialCapital,
    [property: Id(2)] decimal Cash,
    [property: Id(3)] decimal Equity,
    [property: Id(4)] decimal NetPnl,
    [property: Id(5)] long Trades,
    [property: Id(6)] DateTimeOffset? MarkedThroughUtc,
    [property: Id(7)] MetricsSnapshot? Metrics,
    [property: Id(8)] decimal? MarkedEquity = null);
