using TradingRobotPlug.GrainInterfaces.Alerts;

namespace TradingRobotPlug.Api.Features.Alerts;

/// <summary>A strategy's alert thresholds and the alerts it raised.</summary>
/// <param name="Thresholds">The thresholds (null ones are off).</param>
/// <param name="Raised">Alerts raised, newest first.</param>
public sealed record StrategyAlerts(AlertThresholds Thresholds, IReadOnlyList<AlertRaised> Raised);
