using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>A strategy's definition, status and headline figures.</summary>
/// <param name="Id">Strategy id.</param>
/// <param name="Definition">The definition in request form (all parameters, defaults filled in; <c>start</c> and <c>alerts</c> omitted).</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Summary">Headline figures.</param>
public sealed record StrategyDetails(string Id, StrategyDefinition Definition, StrategyStatus Status, StrategySummary Summary);
