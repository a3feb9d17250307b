using TradingRobotPlug.GrainInterfaces.Metrics;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>Metrics buckets of one scope (a strategy or the portfolio) at one level.</summary>
/// <param name="Level">Canonical level name (<c>trade</c>, <c>hourly</c>, …, <c>all_time</c>).</param>
/// <param name="Periods">Periods whose start is in the requested range, closed ones first (oldest first), then the open one.</param>
public sealed record MetricsPeriods(string Level, IReadOnlyList<MetricsSnapshot> Periods);
