using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// One strategy's headline figures (<c>docs/api.md</c>, <c>StrategySummary</c>), shared by the REST list, the overview
/// and the realtime <c>metrics</c> event. Money in account currency; statistics are the strategy's all-time metrics
/// (fractions or ratios) and null while undefined.
/// </summary>
/// <param name="Id">The strategy.</param>
/// <param name="Spec">Its spec string (empty if the definition could not be read).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Instruments">Instruments traded.</param>
/// <param name="Cash">Cash.</param>
/// <param name="Equity">Cash plus positions marked to the last price.</param>
/// <param name="NetPnl">Equity minus the starting capital (includes open positions).</param>
/// <param name="TotalReturn">All-time total return (fraction); null before the first mark.</param>
/// <param name="Sharpe">Annualised Sharpe ratio; null while undefined.</param>
/// <param name="Sortino">Annualised Sortino ratio; null while undefined.</param>
/// <param name="MaxDrawdown">Maximum drawdown (positive fraction); null before the first mark.</param>
/// <param name="Trades">Closed round trips.</param>
/// <param name="WinRate">Wins / trades; null without trades.</param>
/// <param name="ProfitFactor">Gross profit / |gross loss|; null without losing trades.</param>
/// <param name="BarsProcessed">Bars processed.</param>
/// <param name="LastBarTime">Open time of the last bar processed (UTC): its label, the trading date of a daily bar.</param>
/// <param name="FailureReason">Why the strategy failed (status <c>Failed</c>); null otherwise.</param>
/// <param name="RealizedPnl">Net P&amp;L of the closed round trips (all-time, after fees); 0 before the first trade.</param>
/// <param name="Benchmark">Symbol of the benchmark instrument (buy-and-hold with the same capital and rules); null if the definition could not be read.</param>
/// <param name="ExcessReturn">Total return − the benchmark's total return; null before the first mark.</param>
/// <param name="Alpha">Annualised alpha against the benchmark (empyrical <c>alpha</c>); null while undefined.</param>
/// <param name="Beta">Beta against the benchmark (empyrical <c>beta</c>); null while undefined.</param>
/// <param name="Correlation">Correlation of the daily returns with the benchmark's; null while undefined.</param>
/// <param name="TrackingError">Annualised tracking error; null with fewer than two daily returns.</param>
/// <param name="InformationRatio">Annualised information ratio; null while undefined.</param>
/// <param name="UpCapture">Up capture (empyrical <c>up_capture</c>); null without an up day of the benchmark.</param>
/// <param name="DownCapture">Down capture (empyrical <c>down_capture</c>); null without a down day of the benchmark.</param>
/// <param name="BarsAwaitingBenchmark">Bars received but not yet processed because the history of a benchmark on
/// another instrument does not reach their close yet; it stays above 0 while that instrument's market data is missing.</param>
public sealed record StrategySummary(
    StrategyId Id,
    string Spec,
    StrategyStatus Status,
    ImmutableArray<InstrumentId> Instruments,
    decimal Cash,
    decimal Equity,
    decimal NetPnl,
    double? TotalReturn,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown,
    long Trades,
    double? WinRate,
    double? ProfitFactor,
    long BarsProcessed,
    DateTimeOffset? LastBarTime,
    string? FailureReason = null,
    decimal RealizedPnl = 0m,
    string? Benchmark = null,
    double? ExcessReturn = null,
    double? Alpha = null,
    double? Beta = null,
    double? Correlation = null,
    double? TrackingError = null,
    double? InformationRatio = null,
    double? UpCapture = null,
    double? DownCapture = null,
    int BarsAwaitingBenchmark = 0)
{
    /// <summary>The summary of a strategy's current state.</summary>
    public static StrategySummary From(StrategySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var initial = snapshot.Settings?.InitialCapital ?? snapshot.Equity;
        return Create(snapshot.Id, snapshot.Settings, snapshot.Status, snapshot.Cash, snapshot.Equity, snapshot.Equity - initial,
            snapshot.Metrics, snapshot.Trades, snapshot.BarsProcessed, snapshot.LastBarTime, snapshot.FailureReason, snapshot.BarsAwaitingBenchmark);
    }

    /// <summary>The summary after a strategy update, given the strategy's definition (null if unknown).</summary>
    public static StrategySummary From(StrategyUpdated update, StrategySettings? settings)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Create(update.Id, settings, update.Status, update.Cash, update.Equity, update.Equity - update.InitialCapital,
            update.Metrics, update.Metrics?.Trades ?? 0, update.BarsProcessed, update.LastBarTime, update.FailureReason, update.BarsAwaitingBenchmark);
    }

    private static StrategySummary Create(StrategyId id, StrategySettings? settings, StrategyStatus status, decimal cash, decimal equity,
        decimal netPnl, MetricsSnapshot? m, long trades, long bars, DateTimeOffset? lastBarTime, string? failureReason, int awaiting)
        => new(id, settings?.Spec ?? string.Empty, status, settings?.Instruments ?? [], cash, equity, netPnl,
            m?.TotalReturn, m?.Sharpe, m?.Sortino, m?.MaxDrawdown, trades, m?.WinRate, m?.ProfitFactor, bars, lastBarTime, failureReason,
            m?.RealizedPnl ?? 0m, settings?.BenchmarkInstrument?.Symbol, m?.ExcessReturn, m?.Alpha, m?.Beta, m?.Correlation,
            m?.TrackingError, m?.InformationRatio, m?.UpCapture, m?.DownCapture, awaiting);
}
