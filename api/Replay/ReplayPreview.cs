namespace TradingRobotPlug.Api.Replay;

/// <summary>What starting a replay of a data set to a symbol would do now (<c>GET /api/v1/replays/preview</c>).</summary>
/// <param name="DataSet">The data set.</param>
/// <param name="Symbol">The instrument the bars would be published to.</param>
/// <param name="TotalBars">Bars in the data set.</param>
/// <param name="PublishedBars">Bars of the data set (from its first) that the instrument already holds; a start continues after them.</param>
/// <param name="FromTime">Open time of the first bar a start would publish; null when it would publish none.</param>
/// <param name="ToTime">Open time of the data set's last bar; null when it has none.</param>
/// <param name="Action">One sentence saying what Start would do (publish all, continue after bar n, publish nothing and why).</param>
public sealed record ReplayPreview(
    string DataSet,
    string Symbol,
    int TotalBars,
    int PublishedBars,
    DateTimeOffset? FromTime,
    DateTimeOffset? ToTime,
    string Action);
