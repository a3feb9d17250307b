using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Payload of the <c>trade</c> event.</summary>
/// <param name="StrategyId">The strategy.</param>
/// <param name="Trades">Round trips closed since the last push (on join: the most recent closed ones), oldest first.</param>
/// <param name="OpenTrade">The open trade as of the latest update, or null when flat.</param>
public sealed record TradeUpdate(StrategyId StrategyId, IReadOnlyList<TradeRecord> Trades, TradeRecord? OpenTrade);
