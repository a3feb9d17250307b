using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Serialization;

/// <summary>
/// The runtime's serializer: System.Text.Json with only source-generated metadata (the contexts registered with
/// <c>AddSerializerContext</c> plus the built-in primitives), a converter for grain references, and the deep
/// copier used for call arguments, results and stream items.
/// </summary>
public sealed class RuntimeSerializer : IDeepCopier
{
    /// <summary>Creates the serializer.</summary>
    public RuntimeSerializer(IOptions<SerializerOptionsBuilder> builder, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resolvers = new List<IJsonTypeInfoResolver>(builder.Value.Contexts) { BuiltInJsonContext.Default };
        Options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]),
            Converters = { new GrainReferenceJsonConverterFactory(new Lazy<IGrainFactory>(() => (IGrainFactory)services.GetService(typeof(IGrainFactory))!)) },
        };
        Options.MakeReadOnly();
    }

    /// <summary>The options (read-only). Every type serialized with them must be declared in a registered context.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Whether <paramref name="type"/> has serialization metadata.</summary>
    public bool CanSerialize(Type type) => typeof(IAddressable).IsAssignableFrom(type) || Options.TypeInfoResolver!.GetTypeInfo(type, Options) is not null;

    /// <summary>Serializes as UTF-8 JSON.</summary>
    /// <exception cref="NotSupportedException">The type is not declared serializable.</exception>
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    /// <summary>Deserializes UTF-8 JSON.</summary>
    /// <exception cref="JsonException">The payload does not match the type.</exception>
    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());

    /// <inheritdoc/>
    public T Copy<T>(T value)
    {
        if (value is null || ImmutableTypes.IsImmutable(typeof(T)))
        {
            return value;
        }

        var info = GetTypeInfo<T>();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, info);
        return JsonSerializer.Deserialize(bytes, info)!;
    }

    private JsonTypeInfo<T> GetTypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException(
                $"Type {typeof(T).FullName} is not declared serializable: add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext and register it with AddSerializerContext.", ex);
        }
    }
}
