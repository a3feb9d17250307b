using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Payload of the <c>bar</c> event: bars published since the last push (on join: the latest ones).</summary>
/// <param name="Symbol">The instrument's canonical symbol.</param>
/// <param name="Bars">Bars in time order.</param>
public sealed record BarUpdate(string Symbol, IReadOnlyList<Bar> Bars);
