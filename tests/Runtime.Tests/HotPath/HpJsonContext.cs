using System.Text.Json.Serialization;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>Serializer metadata for the hot-path tests' payloads.</summary>
[JsonSerializable(typeof(HpMutablePayload))]
[JsonSerializable(typeof(HpImmutablePayload))]
internal sealed partial class HpJsonContext : JsonSerializerContext;
