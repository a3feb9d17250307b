using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;
using TradingRobotPlug.Grains.Grains;

namespace TradingRobotPlug.Grains.Hosting;

/// <summary>
/// The grain storage serializer of the trading grains' state: plain UTF-8 JSON (System.Text.Json), enums as strings,
/// ids as their canonical text, so a stored row reads as ordinary JSON in psql
/// (<c>convert_from(payload, 'UTF8')::jsonb</c>) and survives renames of .NET types (no type names are written).
/// The trading state types use the source-generated <c>GrainsJsonContext</c>; any other state type (none today) falls
/// back to reflection.
/// </summary>
public sealed class TradingStateJsonSerializer : IGrainStorageSerializer
{
    /// <summary>The one instance; it holds no per-call state.</summary>
    public static TradingStateJsonSerializer Instance { get; } = new();

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(GrainsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        Converters = { new JsonStringEnumConverter() },
    };

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, (JsonTypeInfo<T?>)Options.GetTypeInfo(typeof(T))));

    /// <inheritdoc/>
    /// <exception cref="JsonException">The stored document is not valid JSON for <typeparamref name="T"/>.</exception>
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize(input.ToMemory().Span, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)))!;
    }
}
