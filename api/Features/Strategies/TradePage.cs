using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>One page of a strategy's trades.</summary>
/// <param name="Items">Trades, oldest first (an open trade, when it matches, comes last and has no exit).</param>
/// <param name="NextCursor">Opaque cursor for the next page; null when there is none.</param>
public sealed record TradePage(IReadOnlyList<TradeRecord> Items, string? NextCursor);
