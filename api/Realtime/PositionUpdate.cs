using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Payload of the <c>position</c> event: every position of the strategy as of its latest update.</summary>
/// <param name="StrategyId">The strategy.</param>
/// <param name="Positions">Positions by instrument.</param>
public sealed record PositionUpdate(StrategyId StrategyId, IReadOnlyList<PositionSnapshot> Positions);
