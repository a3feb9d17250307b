using System.Text.Json.Serialization;

namespace TradingRobotPlug.Runtime.Serialization;

/// <summary>
/// Collects the System.Text.Json source-generated contexts that declare which types may cross grain boundaries
/// (<c>AddSerializerContext</c>). Only declared types are serializable: there is no reflection fallback.
/// </summary>
public sealed class SerializerOptionsBuilder
{
    /// <summary>The registered contexts, in registration order (first match wins).</summary>
    public IList<JsonSerializerContext> Contexts { get; } = new List<JsonSerializerContext>();
}
