using System.Text.Json.Serialization;

namespace TradingRobotPlug.Runtime.Tests.BadGrains;

/// <summary>Declares <see cref="OrderIntent"/>; a silo that registers it starts.</summary>
[JsonSerializable(typeof(OrderIntent))]
public sealed partial class OrderIntentJsonContext : JsonSerializerContext;
