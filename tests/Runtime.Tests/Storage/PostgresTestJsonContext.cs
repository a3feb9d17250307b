using System.Text.Json.Serialization;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>Source-generated serializer metadata for the Postgres storage tests' state types.</summary>
[JsonSerializable(typeof(PostgresCounterState))]
internal sealed partial class PostgresTestJsonContext : JsonSerializerContext;
