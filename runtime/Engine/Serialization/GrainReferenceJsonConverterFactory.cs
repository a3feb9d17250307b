using System.Text.Json;
using System.Text.Json.Serialization;
using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Serialization;

/// <summary>
/// Serializes grain references (values typed as a grain interface) as <c>{"interface": "...", "id": "type/key"}</c>
/// and turns them back into references through the grain factory, so references can live in state and messages.
/// </summary>
internal sealed class GrainReferenceJsonConverterFactory(Lazy<IGrainFactory> grainFactory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), grainFactory)!;

    private sealed class Converter<T>(Lazy<IGrainFactory> grainFactory) : JsonConverter<T>
        where T : class, IGrain
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A grain reference of type {typeof(T).Name} must be a string 'type/key'.");
            }

            var id = GrainId.Parse(reader.GetString()!);
            return (T)grainFactory.Value.GetGrain(typeof(T), id.Key);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException($"Only grain references (from IGrainFactory.GetGrain) can be serialized as {typeof(T).Name}, not a grain instance ({value.GetType().Name}).");
            }

            writer.WriteStringValue(reference.GrainId.ToString());
        }
    }
}
