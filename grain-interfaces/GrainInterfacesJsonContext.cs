using System.Collections.Immutable;
using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Portfolio;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Runtime.Management;

namespace TradingRobotPlug.GrainInterfaces;

/// <summary>Declares every type that crosses a trading grain boundary serializable (System.Text.Json source generation).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ImmutableArray<Bar>))]
[JsonSerializable(typeof(ImmutableArray<Tick>))]
[JsonSerializable(typeof(Timeframe))]
[JsonSerializable(typeof(InstrumentSnapshot))]
[JsonSerializable(typeof(StrategySettings))]
[JsonSerializable(typeof(StrategySnapshot))]
[JsonSerializable(typeof(StrategyStatus))]
[JsonSerializable(typeof(ImmutableArray<TradeRecord>))]
[JsonSerializable(typeof(ImmutableArray<EquityPoint>))]
[JsonSerializable(typeof(ImmutableArray<OrderRejected>))]
[JsonSerializable(typeof(PositionSnapshot))]
[JsonSerializable(typeof(ImmutableArray<MetricsSnapshot>))]
[JsonSerializable(typeof(MetricsSnapshot))]
[JsonSerializable(typeof(AlertThresholds))]
[JsonSerializable(typeof(ImmutableArray<AlertRaised>))]
[JsonSerializable(typeof(StrategyUpdated))]
[JsonSerializable(typeof(PortfolioSnapshot))]
[JsonSerializable(typeof(StrategyId))]
[JsonSerializable(typeof(ImmutableArray<StrategyId>))]
[JsonSerializable(typeof(InstrumentId))]
[JsonSerializable(typeof(ImmutableArray<InstrumentId>))]
[JsonSerializable(typeof(ImmutableArray<SiloStatistics>))]
public sealed partial class GrainInterfacesJsonContext : JsonSerializerContext;
