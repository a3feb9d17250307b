using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// One strategy's headline figures (the <c>StrategySummary</c> of docs/api.md), shared by the list, the overview and the
/// realtime <c>metrics</c> event. Money in account currency; statistics are fractions or ratios; undefined ones are null.
/// </summary>
/// <param name="Id">Strategy id.</param>
/// <param name="Spec">Strategy spec string, e.g. <c>sma-cross:fast=50,slow=200</c>.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Instruments">Symbols traded.</param>
/// <param name="Cash">Cash.</param>
/// <param name="Equity">Cash plus marked positions.</param>
/// <param name="NetPnl">Equity minus starting capital.</param>
/// <param name="TotalReturn">Equity / starting equity − 1 (all-time metrics); null before the first bar.</param>
/// <param name="Sharpe">Annualised Sharpe ratio; null when undefined.</param>
/// <param name="Sortino">Annualised Sortino ratio; null when undefined.</param>
/// <param name="MaxDrawdown">Maximum drawdown, positive fraction in [0, 1); null before the first bar.</param>
/// <param name="Trades">Closed round trips.</param>
/// <param name="WinRate">Wins / trades in [0, 1]; null without trades.</param>
/// <param name="ProfitFactor">Gross profit / |gross loss|; null without losing trades.</param>
/// <param name="BarsProcessed">Bars processed.</param>
/// <param name="LastBarTime">Close time of the last bar processed (UTC).</param>
public sealed record StrategySummary(
    string Id,
    string Spec,
    StrategyStatus Status,
    IReadOnlyList<string> Instruments,
    decimal Cash,
    decimal Equity,
    decimal NetPnl,
    double? TotalReturn,
    double? Sharpe,
    double? Sortino,
    double? MaxDrawdown,
    int Trades,
    double? WinRate,
    double? ProfitFactor,
    long BarsProcessed,
    DateTimeOffset? LastBarTime)
{
    /// <summary>The summary of a strategy snapshot (a strategy that was never created gives empty spec and zero money).</summary>
    public static StrategySummary From(StrategySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var settings = snapshot.Settings;
        var metrics = snapshot.Metrics;
        return new StrategySummary(
            snapshot.Id.ToString(),
            settings?.Spec ?? string.Empty,
            snapshot.Status,
            settings is null ? [] : [.. settings.Instruments.Select(i => i.Symbol)],
            snapshot.Cash,
            snapshot.Equity,
            settings is null ? 0m : snapshot.Equity - settings.InitialCapital,
            metrics?.TotalReturn,
            metrics?.Sharpe,
            metrics?.Sortino,
            metrics?.MaxDrawdown,
            snapshot.Trades,
            metrics?.WinRate,
            metrics?.ProfitFactor,
            snapshot.BarsProcessed,
            snapshot.LastBarTime);
    }
}
