namespace TradingRobotPlug.Api.Features.Replays;

/// <summary>A request to start a replay.</summary>
/// <param name="DataSet">Data set name (see <c>GET /api/v1/datasets</c>).</param>
/// <param name="Symbol">Symbol the bars are published as (default <c>SPX</c>).</param>
/// <param name="Speed">Bars per second, [0, 100000]; 0 = as fast as possible (default 0).</param>
public sealed record ReplayStart(string? DataSet, string? Symbol, double? Speed);
