using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// Serializes <see cref="OrderId"/> as its canonical string, both as a value and as a dictionary key. Reading text
/// that is not a valid id throws <see cref="JsonException"/> whose message says why.
/// </summary>
public sealed class OrderIdJsonConverter : JsonConverter<OrderId>
{
    /// <inheritdoc/>
    public override OrderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"OrderId must be a JSON string, found {reader.TokenType}.");
        }

        return FromText(reader.GetString());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());

    /// <inheritdoc/>
    public override OrderId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => FromText(reader.GetString());

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options)
        => writer.WritePropertyName(value.ToString());

    private static OrderId FromText(string? text)
        => OrderId.TryParse(text, out var id, out var error) ? id : throw new JsonException(error);
}
