namespace TradingRobotPlug.Api.Replay;

/// <summary>A request to replay a data set's bars through an instrument grain.</summary>
/// <param name="DataSet">Data set name (a <c>.csv</c> file in the data directory, without the extension).</param>
/// <param name="Symbol">Instrument symbol the bars are published as (e.g. <c>SPX</c>).</param>
/// <param name="SpeedBarsPerSecond">Bars per second, &gt; 0; 0 = as fast as possible. At most 100,000.</param>
public sealed record ReplayRequest(string DataSet, string Symbol, double SpeedBarsPerSecond);
