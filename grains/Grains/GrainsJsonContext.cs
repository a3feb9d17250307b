using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Serialization metadata for the trading grains' persisted state.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StrategyState))]
[JsonSerializable(typeof(InstrumentState))]
[JsonSerializable(typeof(BarSegmentState))]
[JsonSerializable(typeof(StrategyDirectoryState))]
[JsonSerializable(typeof(InstrumentDirectoryState))]
[JsonSerializable(typeof(ExperimentState))]
[JsonSerializable(typeof(ExperimentDirectoryState))]
[JsonSerializable(typeof(PositionSnapshot))]
internal sealed partial class GrainsJsonContext : JsonSerializerContext;
