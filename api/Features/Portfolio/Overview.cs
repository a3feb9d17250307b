using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Portfolio;

namespace TradingRobotPlug.Api.Features.Portfolio;

/// <summary>Everything the dashboard's overview shows.</summary>
/// <param name="Strategies">Every strategy's summary, ranked (default: net P&amp;L, best first).</param>
/// <param name="Portfolio">Portfolio totals and all-time metrics.</param>
/// <param name="Alerts">The latest 50 alerts over all strategies, newest first.</param>
/// <param name="Replay">The replay's status.</param>
public sealed record Overview(IReadOnlyList<StrategySummary> Strategies, PortfolioSnapshot Portfolio, IReadOnlyList<AlertRaised> Alerts, ReplayStatus Replay);
