namespace TradingRobotPlug.Api.Features.Market;

/// <summary>Indicator values per bar.</summary>
/// <param name="Columns">Column names, as the headless <c>--indicators</c> writes them (e.g. <c>sma_20</c>, <c>bb_lower</c>).</param>
/// <param name="Rows">One row per bar, oldest first.</param>
public sealed record IndicatorSeries(IReadOnlyList<string> Columns, IReadOnlyList<IndicatorRow> Rows);
