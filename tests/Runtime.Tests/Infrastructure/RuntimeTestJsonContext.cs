using System.Text.Json.Serialization;
using TradingRobotPlug.Runtime.Tests.Grains;

namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>Serializer metadata for every type crossing a test grain boundary or stored as test grain state.</summary>
[JsonSerializable(typeof(OrderTicket))]
[JsonSerializable(typeof(PriceLevel))]
[JsonSerializable(typeof(FillRecord))]
[JsonSerializable(typeof(ProfileState))]
[JsonSerializable(typeof(CorruptProfileState))]
[JsonSerializable(typeof(SequenceReport))]
public sealed partial class RuntimeTestJsonContext : JsonSerializerContext;
